// UI scene of editing a job's schema in place: "Edit Job Schema" from the palette (tenant → app → job pickers), an edit
// in the entra-provisioning: document, Ctrl+S → the diff against Entra opens and the modal confirmation names tenant,
// app and job with the change summary and the resync note; Cancel keeps the edit (the tab stays dirty, no error).
import type { Scene } from '../runner/ui';
import { runFromPalette, signInFromPalette } from './onDemandSupport';

const APP = 'Slack (Sandbox workspace)';

export const scenes: Scene[] = [
  {
    name: 'schema-editing',
    workbench: { sandbox: true },
    async play(wb) {
      const { page } = wb;
      const sandbox = wb.sandbox!;
      const quickInput = page.locator('.quick-input-widget');
      const dialog = page.locator('.monaco-dialog-box');

      await wb.check('sign in app-only from the palette', async () => {
        await wb.openActivity('Entra Provisioning');
        await signInFromPalette(page, sandbox);
      });
      await wb.check('Edit Job Schema opens the job\'s schema document from the pickers', async () => {
        await runFromPalette(page, 'Entra Provisioning: Edit Job Schema', 'Edit Job Schema');
        const input = quickInput.locator('input[placeholder="Pick the app"]');
        await input.waitFor({ timeout: 30_000 });
        await input.fill(APP);
        await quickInput.locator('.monaco-list-row', { hasText: APP }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await page.locator('.tab', { hasText: 'schema.provisioning.json' }).first().waitFor({ timeout: 20_000 });
        await page.locator('.view-line', { hasText: '"directories"' }).first().waitFor({ timeout: 20_000 });
      });
      await wb.check('an edit makes the document dirty', async () => {
        await page.locator('.editor-group-container.active .view-line').first().click();
        // Find/replace: every mapping's flowBehavior FlowWhenChanged → FlowAlways.
        await page.keyboard.press('Control+H');
        await page.keyboard.type('"FlowWhenChanged"');
        await page.keyboard.press('Tab');
        await page.keyboard.type('"FlowAlways"');
        await page.keyboard.press('Control+Alt+Enter');
        await page.locator('.tab.dirty', { hasText: 'schema.provisioning.json' }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Escape');
        await page.locator('.tab', { hasText: 'schema.provisioning.json' }).first().click();
      });
      await wb.check('Ctrl+S shows the diff against Entra and asks in a modal naming tenant, app and job', async () => {
        await page.keyboard.press('Control+S');
        await dialog.waitFor({ timeout: 20_000 });
        await dialog.getByText('Replace the schema of', { exact: false }).first().waitFor({ timeout: 5_000 });
        await dialog.getByText(`App: ${APP}`, { exact: false }).first().waitFor({ timeout: 5_000 });
        await dialog.getByText('initial cycle', { exact: false }).first().waitFor({ timeout: 5_000 });
        await page.locator('.tab', { hasText: 'Entra ↔ your edits' }).first().waitFor({ timeout: 10_000 });
      });
      await wb.screenshot('schema-save-confirm');
      await wb.check('Cancel keeps the edit: the document stays dirty, Entra is not written', async () => {
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
        await page.locator('.tab.dirty', { hasText: 'schema.provisioning.json' }).first().waitFor({ timeout: 5_000 });
        // Ctrl+S went through "Save Schema to Entra…": a "no" is not a failed save.
        await page.waitForTimeout(1_000);
        if (await page.locator('.notification-toast', { hasText: 'Failed to save' }).count()) throw new Error('VS Code reported a failed save');
      });
    },
  },
];
