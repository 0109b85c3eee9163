// Completion inside an expression of a *.provisioning.json mapping document: the user types "[user" in an argument
// slot of Coalesce(…) and the suggest widget lists the Entra user attributes (userPrincipalName first among them),
// with the focused item's type and description beside the list.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttributeMapping, SynchronizationSchema } from '../../src/graph/model';
import { toMappingSource } from '../../src/mapping/expression';
import { TEMPLATES } from '../../src/sandbox/tenant/templates';
import type { Scene } from '../runner/ui';

const FILE_NAME = 'contoso-scim.provisioning.json';
const EXPRESSION = 'Coalesce([mailNickname], )';

/** The sandbox's SCIM template schema with one expression mapping added, and where its empty argument slot is. */
function mappingDocument(): { text: string; line: number; column: number } {
  const schema: SynchronizationSchema = TEMPLATES.get('scim')!.defaultSchema();
  const nickName: AttributeMapping = {
    defaultValue: null,
    exportMissingReferences: false,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    source: toMappingSource(EXPRESSION),
    targetAttributeName: 'nickName',
  };
  schema.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.splice(3, 0, nickName);
  const text = JSON.stringify(schema, null, 2);
  // Just before the closing parenthesis of the expression.
  const offset = text.indexOf(EXPRESSION) + EXPRESSION.length - 1;
  const before = text.slice(0, offset).split('\n');
  return { text, line: before.length, column: before.at(-1)!.length + 1 };
}

export const scenes: Scene[] = [
  {
    name: 'mapping-completion',
    workbench: { label: 'mapping-completion' },
    async play(wb) {
      const { text, line, column } = mappingDocument();
      writeFileSync(join(wb.workspace, FILE_NAME), text);
      const page = wb.page;
      await wb.check('the mapping document opens from Quick Open', async () => {
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
        await page.keyboard.type(FILE_NAME);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE_NAME }).first().waitFor({ timeout: 20_000 });
        await page.keyboard.press('Enter');
        await page.locator('.tab', { hasText: FILE_NAME }).first().waitFor({ timeout: 20_000 });
        await page.locator('.view-line', { hasText: /"directories"/ }).first().waitFor({ timeout: 20_000 });
      });

      const suggestRows = page.locator('.editor-widget.suggest-widget .monaco-list-row');
      await wb.check('typing "[user" in an argument slot lists Entra user attributes', async () => {
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
        await page.keyboard.type(`${line}:${column}`);
        await page.keyboard.press('Enter');
        await page.locator('.view-line', { hasText: EXPRESSION }).first().waitFor({ timeout: 10_000 });
        // "[" is a trigger character of our completion provider: the list opens by itself, typing filters it.
        await page.keyboard.type('[', { delay: 50 });
        await page.waitForTimeout(300);
        await page.keyboard.type('user', { delay: 80 });
        const upn = suggestRows.filter({ hasText: 'userPrincipalName' }).first();
        try {
          await upn.waitFor({ timeout: 5_000 });
        } catch {
          await page.keyboard.press('Control+Space'); // what a user does when the list did not open
          await upn.waitFor({ timeout: 15_000 });
        }
      });

      await wb.check('the focused attribute shows its type and description beside the list', async () => {
        const details = page.locator('.suggest-details-container .suggest-details');
        // Ctrl+Space on an open list toggles the details ("read more"). The details may still be rendering when we
        // look, so give them a moment before toggling, and toggle again if a press landed the other way.
        for (let attempt = 0; ; attempt++) {
          try {
            await details.first().waitFor({ state: 'visible', timeout: 2_500 });
            break;
          } catch (error) {
            if (attempt === 3) throw error;
            await page.keyboard.press('Control+Space');
          }
        }
        const focused = await page.locator('.editor-widget.suggest-widget .monaco-list-row.focused').first().innerText();
        if (!/user/i.test(focused)) throw new Error(`focused row: ${focused}`);
      });
      await wb.screenshot('mapping-completion', { keepHover: true });
    },
  },
];
