// UI scene of Provision on Demand: from the palette, the app picker, User or Group, the directory search typed as a
// person would, then the result panel with its steps (import, scoping, matching, export) and modified properties.
import type { Scene } from '../runner/ui';
import { benefitsMember, runFromPalette, signInFromPalette } from './onDemandSupport';

export const scenes: Scene[] = [
  {
    name: 'provision-on-demand',
    workbench: { sandbox: true },
    async play(wb) {
      const { page } = wb;
      const sandbox = wb.sandbox!;
      const quickInput = page.locator('.quick-input-widget');
      const member = await benefitsMember(sandbox);

      await wb.check('sign in app-only from the palette', async () => {
        await wb.openActivity('Entra Provisioning');
        await signInFromPalette(page, sandbox);
      });
      await wb.check('Provision on Demand… asks for the app, then User or Group', async () => {
        await runFromPalette(page, 'Entra Provisioning: Provision on Demand', 'Provision on Demand…');
        await quickInput.getByText('Contoso Benefits Portal').first().waitFor({ timeout: 30_000 });
        await quickInput.locator('input').fill('Contoso Benefits Portal');
        await page.keyboard.press('Enter');
        await quickInput.getByText('One group, with up to 5 of its members', { exact: false }).first().waitFor({ timeout: 15_000 });
        await quickInput.locator('input').fill('User');
        await page.keyboard.press('Enter');
      });
      await wb.check('the directory search finds the user as their name is typed', async () => {
        const input = quickInput.locator('input[placeholder^="Type the start of a name"]');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(member.displayName.split(' ')[0]!);
        await quickInput.locator('.quick-input-list .monaco-list-row', { hasText: member.displayName }).first().waitFor({ timeout: 10_000 });
      });
      await wb.screenshot('provision-on-demand-picker');
      await wb.check('choosing the user runs it and opens the result panel', async () => {
        await quickInput.locator('.quick-input-list .monaco-list-row', { hasText: member.displayName }).first().click();
        await page.locator('.tab', { hasText: `On demand: ${member.displayName}` }).first().waitFor({ timeout: 30_000 });
      });
      await wb.check('the panel shows the verdict, the steps and the modified properties', async () => {
        // The webview's document lives in nested frames; look for our text in any of them.
        const until = Date.now() + 15_000;
        for (;;) {
          const contents = await Promise.all(page.frames().map((f) => f.content().catch(() => '')));
          const html = contents.find((c) => c.includes('Determine if in scope'));
          if (html && html.includes('class="verdict') && html.includes('Modified properties')) break;
          if (Date.now() > until) throw new Error('the result panel does not show the steps and modified properties');
          await page.waitForTimeout(250);
        }
      });
      await page.locator('.notifications-toasts .codicon-notifications-clear-all, .notification-toast .codicon-close').first().click({ timeout: 2_000 }).catch(() => undefined);
      await wb.screenshot('provision-on-demand-result');
    },
  },
];
