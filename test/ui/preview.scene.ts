// UI scene of the mapping preview: a *.provisioning.json open in the editor, "Preview Mapping…" from the editor title,
// a user picked from the sandbox tenant, and the read-only preview document beside it with the hover of one
// attribute's evaluation trace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES } from '../../src/sandbox/tenant/templates';
import type { Scene } from '../runner/ui';
import { benefitsMember, runFromPalette, signInFromPalette } from './onDemandSupport';

const FILE_NAME = 'benefits.provisioning.json';

export const scenes: Scene[] = [
  {
    name: 'mapping-preview',
    workbench: { sandbox: true },
    async play(wb) {
      const { page } = wb;
      const sandbox = wb.sandbox!;
      const quickInput = page.locator('.quick-input-widget');
      const member = await benefitsMember(sandbox);
      const schema = TEMPLATES.get('scim')!.defaultSchema();
      writeFileSync(join(wb.workspace, FILE_NAME), JSON.stringify(schema, null, 2));

      await wb.check('sign in app-only from the palette', async () => {
        await wb.openActivity('Entra Provisioning');
        await signInFromPalette(page, sandbox);
      });
      await wb.check('the mapping document opens from Quick Open', async () => {
        await page.keyboard.press('Control+P');
        await quickInput.locator('input').waitFor({ timeout: 10_000 });
        await page.keyboard.type(FILE_NAME);
        await quickInput.locator('.monaco-list-row', { hasText: FILE_NAME }).first().waitFor({ timeout: 20_000 });
        await page.keyboard.press('Enter');
        await page.locator('.tab', { hasText: FILE_NAME }).first().waitFor({ timeout: 20_000 });
        await page.locator('.view-line', { hasText: '"directories"' }).first().waitFor({ timeout: 20_000 });
      });
      await wb.check('Preview Mapping… offers a tenant user or a JSON file, then searches the tenant', async () => {
        await runFromPalette(page, 'Entra Provisioning: Preview Mapping', 'Preview Mapping…');
        await quickInput.getByText('Open a JSON File', { exact: false }).first().waitFor({ timeout: 10_000 });
        await quickInput.getByText('Pick a User of', { exact: false }).first().click();
        const input = quickInput.locator('input[placeholder^="Type the start of a name"]');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(member.displayName.split(' ')[0]!);
        await quickInput.locator('.quick-input-list .monaco-list-row', { hasText: member.displayName }).first().click({ timeout: 10_000 });
      });
      await wb.check('the preview opens beside the mapping with the SCIM request and the values', async () => {
        await page.locator('.tab', { hasText: '.preview.json' }).first().waitFor({ timeout: 20_000 });
        await page.locator('.view-line', { hasText: '"method": "POST"' }).first().waitFor({ timeout: 10_000 });
      });
      await wb.check('hovering an attribute entry shows its expression and evaluation', async () => {
        await page.locator('.tab', { hasText: '.preview.json' }).first().click();
        await page.keyboard.press('Control+F');
        await page.keyboard.type('"targetAttributeName": "displayName"');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        const line = page.locator('.editor-group-container.active .view-line', { hasText: '"targetAttributeName": "displayName"' }).last();
        await line.waitFor({ timeout: 10_000 });
        await line.locator('span', { hasText: 'targetAttributeName' }).first().hover();
        await page.locator('.monaco-hover', { hasText: 'Evaluation' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      });
      await wb.screenshot('mapping-preview', { keepHover: true });
    },
  },
];
