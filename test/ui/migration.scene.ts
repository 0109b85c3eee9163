// UI scene of "Migrate Job to Another Template…" from the Command Palette on the sandbox's legacy Workplace job: the
// tenant → app pickers, the template picker with the Workplace SCIM 1.0 → 2.0 upgrade first, the Tenant URL box
// preset to https://scim.workplace.com/, then the read-only plan document and the schema diff. Nothing is applied.
import { type Scene } from '../runner/ui';

export const scenes: Scene[] = [
  {
    name: 'migration-plan',
    workbench: { sandbox: true },
    async play(wb) {
      const { page } = wb;
      const sandbox = wb.sandbox!;
      const quickInput = page.locator('.quick-input-widget');
      const palette = async (command: string, label: string) => {
        await page.keyboard.press('F1');
        await quickInput.locator('input').fill(`>Entra Provisioning: ${command}`);
        await quickInput.getByText(label, { exact: false }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
      };
      const answer = async (prompt: string, value: string) => {
        await quickInput.getByText(prompt, { exact: false }).first().waitFor({ timeout: 10_000 });
        await quickInput.locator('input').fill(value);
        await page.keyboard.press('Enter');
      };

      await wb.check('sign in app-only to the sandbox from the palette', async () => {
        await page.locator('.activitybar .action-item a[aria-label^="Entra Provisioning"]').waitFor({ timeout: 30_000 });
        await wb.openActivity('Entra Provisioning');
        await palette('Sign In', 'Sign In…');
        await answer('App-only: client secret', 'App-only: client secret');
        await answer('Tenant ID', sandbox.tenantId);
        await answer('Application (client) ID', sandbox.clientId);
        await answer('client secret', sandbox.clientSecret);
        await page.locator('.part.sidebar .monaco-list-row[aria-level="2"]', { hasText: 'Workplace from Meta' }).first().waitFor({ timeout: 30_000 });
      });

      await wb.check('Migrate Job to Another Template… → the app picker lists the Workplace app', async () => {
        await palette('Migrate Job to Another Template', 'Migrate Job to Another Template…');
        await quickInput.locator('input[placeholder="Pick the app"]').waitFor({ timeout: 20_000 });
        await quickInput.locator('input').fill('Workplace from Meta');
        const row = quickInput.locator('.monaco-list-row').filter({ hasText: 'Workplace from Meta' }).filter({ hasNotText: 'EMEA' });
        await row.first().waitFor({ timeout: 10_000 });
        await row.first().click();
      });
      await wb.check('the template picker offers FacebookWorkplace first, as the Workplace SCIM 1.0 → 2.0 upgrade', async () => {
        const first = quickInput.locator('.monaco-list-row').first();
        await first.getByText('FacebookWorkplace').waitFor({ timeout: 15_000 });
        await first.getByText('Workplace SCIM 1.0 → 2.0 upgrade', { exact: false }).waitFor({ timeout: 5_000 });
      });
      await wb.screenshot('migration-template-picker');
      await wb.check('the Tenant URL box is preset to https://scim.workplace.com/', async () => {
        await page.keyboard.press('Enter');
        await quickInput.getByText('Tenant URL of the new FacebookWorkplace job', { exact: false }).waitFor({ timeout: 15_000 });
        const value = await quickInput.locator('input').inputValue();
        if (value !== 'https://scim.workplace.com/') throw new Error(`the box holds ${value}`);
        await page.keyboard.press('Enter');
      });

      const editor = page.locator('.editor-instance .view-lines').first();
      await wb.check('the plan opens as a read-only document: customizations, renamed names, not transferable, credentials', async () => {
        await page.locator('.tab', { hasText: 'Migration plan – Workplace from Meta' }).waitFor({ timeout: 30_000 });
        await editor.getByText('Migration plan', { exact: false }).first().waitFor({ timeout: 10_000 });
        // The editor draws spaces as no-break spaces; compare the visible lines as plain text.
        const shown = (await editor.innerText()).replace(/\u00a0/g, ' ');
        const missing = ['# Migration plan: Workplace from Meta', 'Customizations carried over (5)', 'renamed:', 'Not transferable (0)'].filter((t) => !shown.includes(t));
        if (missing.length > 0) throw new Error(`not shown: ${missing.join(' | ')}`);
      });
      await wb.check('a notification asks to review the plan, with Migrate… and Show Schema Diff', async () => {
        const toast = page.locator('.notification-toast', { hasText: 'Review the plan' });
        await toast.waitFor({ timeout: 10_000 });
        await toast.getByRole('button', { name: 'Show Schema Diff' }).waitFor({ timeout: 5_000 });
      });
      await wb.check('the plan document offers Show Migration Schema Diff and Migrate as Planned in its title bar', async () => {
        await page.locator('.editor-actions .action-label[aria-label^="Show Migration Schema Diff"]').waitFor({ timeout: 10_000 });
        await page.locator('.editor-actions .action-label[aria-label^="Migrate as Planned"]').waitFor({ timeout: 10_000 });
      });
      await wb.screenshot('migration-plan');

      await wb.check('scrolled: renamed attributes, credentials to enter again, steps', async () => {
        await editor.click();
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Control+Home');
        for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 300);
        await editor.getByText('Credentials to enter again', { exact: false }).first().waitFor({ timeout: 10_000 });
      });
      await wb.screenshot('migration-plan-details');

      await wb.check('Show Schema Diff opens the job’s schema now beside the schema to write', async () => {
        await page.locator('.notification-toast', { hasText: 'Review the plan' }).getByRole('button', { name: 'Show Schema Diff' }).click();
        await page.locator('.tab', { hasText: 'schema to write' }).waitFor({ timeout: 15_000 });
        await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 10_000 });
      });
      await wb.screenshot('migration-schema-diff');
    },
  },
];
