// A *.provisioning.json mapping document in the editor: the expression grammar injected into "expression" values
// (functions, attributes, constants and escapes colored inside the JSON string; other values plain strings) and the
// JSON-schema squiggle under a bad flowType.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Scene } from '../runner/ui';

const FILE_NAME = 'workplace.provisioning.json';

const mappingDocument = {
  synchronizationRules: [
    {
      id: '6a2ff9d3-5e0c-4b7a-9d51-0f8c2a1e4b61',
      name: 'USER_OUTBOUND_USER',
      objectMappings: [
        {
          name: 'Provision Azure Active Directory Users',
          sourceObjectName: 'User',
          targetObjectName: 'urn:ietf:params:scim:schemas:core:2.0:User',
          flowTypes: 'Add, Update, Delete',
          attributeMappings: [
            {
              targetAttributeName: 'active',
              flowType: 'Always',
              matchingPriority: 0,
              source: { expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")', name: 'Switch', parameters: [], type: 'Function' },
            },
            {
              targetAttributeName: 'displayName',
              flowType: 'Sometimes',
              matchingPriority: 0,
              source: { expression: 'Join(" ", [givenName], "\\"the\\"", Replace([mail], "@contoso.com", , , "", , ))', name: 'Join', parameters: [], type: 'Function' },
            },
            {
              targetAttributeName: 'externalId',
              flowType: 'ObjectAddOnly',
              matchingPriority: 1,
              source: { expression: '[mailNickname]', name: 'mailNickname', parameters: [], type: 'Attribute' },
            },
          ],
        },
      ],
    },
  ],
  directories: [],
};

/** The Monaco token class (mtkN = one color) of the first token span with exactly `text` on a line matching `line`. */
async function tokenClass(page: Page, line: RegExp, text: string): Promise<string> {
  const span = page.locator('.view-line', { hasText: line }).first().locator('span > span', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&')}$`) }).first();
  await span.waitFor({ timeout: 10_000 });
  return (await span.getAttribute('class')) ?? '';
}

export const scenes: Scene[] = [
  {
    name: 'mapping-document',
    workbench: { label: 'mapping-doc' },
    async play(wb) {
      writeFileSync(join(wb.workspace, FILE_NAME), JSON.stringify(mappingDocument, null, 2));
      await wb.check('the mapping document opens from Quick Open', async () => {
        await wb.page.keyboard.press('Control+P');
        await wb.page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
        await wb.page.keyboard.type(FILE_NAME);
        await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: FILE_NAME }).first().waitFor({ timeout: 20_000 });
        await wb.page.keyboard.press('Enter');
        await wb.page.locator('.view-line', { hasText: /USER_OUTBOUND_USER/ }).first().waitFor({ timeout: 20_000 });
      });

      const plainString = () => tokenClass(wb.page, /"name":\s"Join"/, '"Join"');
      await wb.check('a function name inside an "expression" value is colored unlike a plain string value', async () => {
        const inExpression = await tokenClass(wb.page, /"expression":\s"Join\(/, 'Join');
        const plain = await plainString();
        if (inExpression === plain) throw new Error(`both are ${plain}`);
      });
      await wb.check('attribute names and escapes inside the expression get colors of their own', async () => {
        const line = /"expression":\s"Join\(/;
        const attribute = await tokenClass(wb.page, line, 'givenName');
        const escape = await tokenClass(wb.page, line, '\\\\\\"');
        const plain = await plainString();
        if (new Set([attribute, escape, plain]).size !== 3) throw new Error(`attribute ${attribute}, escape ${escape}, plain ${plain}`);
      });
      await wb.check('the bad flowType gets a schema squiggle', async () => {
        await wb.page.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30_000 });
      });
      await wb.screenshot('mapping-document');
    },
  },
];
