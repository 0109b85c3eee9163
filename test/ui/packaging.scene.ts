// The packaged extension, as a user gets it: `npm run package` builds the .vsix, code-server installs it with
// --install-extension, and the workbench (without any development path) shows the view and runs its commands.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../runner/paths';
import { sideBarShows, type Scene } from '../runner/ui';

function packageVsix(): string {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'package'], { cwd: repoRoot, stdio: 'pipe', timeout: 180_000 });
  const dist = join(repoRoot, 'dist');
  const vsix = readdirSync(dist).find((name) => name.endsWith('.vsix'));
  if (!vsix) throw new Error('npm run package wrote no .vsix into dist/');
  return join(dist, vsix);
}

export const scenes: Scene[] = [
  {
    name: 'installed-vsix',
    workbench: { vsix: packageVsix, label: 'vsix' },
    async play(wb) {
      await wb.check('the installed extension contributes its activity-bar entry', () => wb.openActivity('Entra Provisioning'));
      await wb.check('its Provisioning Jobs view shows the welcome content', () =>
        sideBarShows(wb.page, 'shows every app provisioning (SCIM) job'),
      );
      await wb.check('"Entra Provisioning: Show Log" runs from the Command Palette and shows the activation line', async () => {
        await wb.page.keyboard.press('F1');
        await wb.page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
        await wb.page.keyboard.type('Entra Provisioning: Show Log');
        await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Log' }).first().waitFor({ timeout: 10_000 });
        await wb.page.keyboard.press('Enter');
        // Monaco renders each token in its own span and spaces as U+00A0, hence a whole-line match with \s.
        await wb.page
          .locator('.part.panel .view-line', { hasText: /Entra\sProvisioning\s[\d.]+\sactivated/ })
          .first()
          .waitFor({ timeout: 20_000 });
      });
      await wb.screenshot('installed-vsix');
    },
  },
];
