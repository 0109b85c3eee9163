// UI scene of the Provisioning Jobs tree with the sandbox's seed tenant: signing in from the view's welcome button
// (app-only client secret, values typed into the inputs as a user would), the tenant with its apps and states, and
// the tooltip of a quarantined job.
import { sideBarShows, type Scene } from '../runner/ui';

export const scenes: Scene[] = [
  {
    name: 'jobs-tree-seed-tenant',
    workbench: { sandbox: true },
    async play(wb) {
      const { page } = wb;
      const sandbox = wb.sandbox!;
      const sideBar = page.locator('.part.sidebar');
      const quickInput = page.locator('.quick-input-widget');
      const answer = async (prompt: string, value: string) => {
        await quickInput.getByText(prompt, { exact: false }).first().waitFor({ timeout: 10_000 });
        await quickInput.locator('input').fill(value);
        await page.keyboard.press('Enter');
      };

      const welcomeSignIn = sideBar.locator('.welcome-view-content').getByRole('button', { name: 'Sign in' });
      await wb.check('the view offers a Sign in button in its welcome content', async () => {
        await wb.openActivity('Entra Provisioning');
        await welcomeSignIn.waitFor({ timeout: 15_000 });
        const actions = await sideBar.locator('.title-actions .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
        console.log(`  [ui]   view title actions: ${actions.join(', ')}`);
      });
      await wb.check('the welcome content mentions the sandbox', () => sideBarShows(page, 'Use the sandbox tenant'));
      await wb.screenshot('jobs-tree-welcome');
      // A wider side bar, so rows show their descriptions (state · last cycle · counts) in the screenshots.
      const box = await sideBar.boundingBox();
      if (box) {
        await page.mouse.move(box.x + box.width + 1, box.y + 300);
        await page.mouse.down();
        await page.mouse.move(box.x + 560, box.y + 300, { steps: 8 });
        await page.mouse.up();
      }

      await wb.check('Sign in → App-only: client secret → tenant, client id and secret', async () => {
        await welcomeSignIn.click();
        await quickInput.getByText('App-only: client secret').first().waitFor({ timeout: 10_000 });
        await quickInput.locator('input').fill('App-only: client secret');
        await page.keyboard.press('Enter');
        await answer('Tenant ID', sandbox.tenantId);
        await answer('Application (client) ID', sandbox.clientId);
        await answer('client secret', sandbox.clientSecret);
      });

      const row = (level: number, text: string) =>
        sideBar.locator(`.monaco-list-row[aria-level="${level}"]`).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${text.replace(/[()]/g, '\\$&')}$`) }) });
      await wb.check('the tenant row appears by name, expanded, with the apps discovery found', async () => {
        await row(1, 'Contoso (sandbox)').waitFor({ timeout: 20_000 });
        for (const app of ['Slack', 'Workplace from Meta', 'Zoom', 'Contoso Learning Portal (SCIM)']) {
          await row(2, app).first().waitFor({ timeout: 20_000 });
        }
      });
      await wb.check('apps without provisioning are not listed', async () => {
        if ((await row(2, 'Salesforce').count()) > 0) throw new Error('Salesforce (SSO only) is listed');
      });
      await wb.check('the apps show their state (quarantine, paused, not configured)', async () => {
        await row(2, 'Slack').first().getByText('Quarantine', { exact: false }).waitFor({ timeout: 10_000 });
        await row(2, 'Zoom').getByText('Paused', { exact: false }).waitFor({ timeout: 10_000 });
        await row(2, 'Contoso Learning Portal (SCIM)').getByText('Not configured', { exact: false }).waitFor({ timeout: 10_000 });
      });
      await wb.screenshot('jobs-tree-seed-tenant');

      await wb.check('expanding Slack shows its quarantined job with Start and Pause inline', async () => {
        await row(2, 'Slack').first().click();
        await row(3, 'Slack').waitFor({ timeout: 10_000 });
        await row(3, 'Slack').hover();
        await row(3, 'Slack').locator('.action-label[aria-label^="Start Provisioning"]').waitFor({ timeout: 10_000 });
      });
      await wb.check('hovering the quarantined job shows its tooltip: reason, meaning and next attempt', async () => {
        await page.mouse.move(0, 0);
        await row(3, 'Slack').locator('.label-name').hover();
        const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'EncounteredEscrowProportionThreshold' });
        await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
        await hover.first().getByText('Next attempt', { exact: false }).first().waitFor({ timeout: 5_000 });
      });
      await wb.screenshot('jobs-tree-quarantine-tooltip', { keepHover: true });
      await wb.check('the tooltip scrolls to the quarantine details (reason, since, next attempt, error)', async () => {
        // The pointer moves into the hover (which keeps it open), then the hover's content scrolls to its end.
        const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'EncounteredEscrowProportionThreshold' }).first();
        const box = await hover.boundingBox();
        if (!box) throw new Error('the hover is gone');
        await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 4 });
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(300);
        const error = hover.getByText('LicenseLimitExceeded', { exact: false }).first();
        await error.scrollIntoViewIfNeeded();
        const shown = await error.boundingBox();
        const frame = await hover.boundingBox();
        if (!shown || !frame || shown.y < frame.y || shown.y + shown.height > frame.y + frame.height + 1) {
          throw new Error(`the quarantine error is not inside the visible hover (${JSON.stringify(shown)} in ${JSON.stringify(frame)})`);
        }
      });
      await wb.screenshot('jobs-tree-quarantine-tooltip-details', { keepHover: true });

      await wb.check('the job expands to Status, Schema and Recent provisioning logs', async () => {
        await page.mouse.move(0, 0);
        await row(3, 'Slack').click();
        for (const child of ['Status', 'Schema', 'Recent provisioning logs']) await row(4, child).waitFor({ timeout: 10_000 });
        await row(4, 'Status').click();
        await row(5, 'Quarantine reason').waitFor({ timeout: 10_000 });
      });
      await wb.check('the status bar counts the jobs needing attention', async () => {
        await page.locator('.part.statusbar [id="entra-provisioning.entra-provisioning.entraProvisioning.problems"], .part.statusbar .statusbar-item', { hasText: /\d/ })
          .filter({ has: page.locator('.codicon-warning') })
          .first()
          .waitFor({ timeout: 10_000 });
      });
      await wb.screenshot('jobs-tree-job-status');
    },
  },
];
