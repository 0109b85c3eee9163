// The synchronizationSchema JSON Schema, checked with vscode-json-languageservice — the service behind VS Code's JSON
// editor — against real documents (sandbox template defaults, the seeded customized Workplace job, Microsoft's
// documented examples) and against crafted mistakes that must be reported at the right place.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageService } from 'vscode-json-languageservice';
import type { SynchronizationSchema } from '../../../src/graph/model';
import { buildSeed, customizeWorkplaceLegacySchema } from '../../../src/sandbox/tenant/seed';
import { TEMPLATES } from '../../../src/sandbox/tenant/templates';
import {
  applyCompletion,
  completeAt,
  createLanguageService,
  hoverAt,
  jsonValidationContributions,
  referenceDir,
  schemaPath,
  validate,
  validateAgainstDefinition,
  type Problem,
} from './jsonSchemaHarness';

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
const describeProblems = (problems: Problem[]): string => problems.map((p) => `${p.path}: ${p.message}`).join('\n');

function scimSchema(): SynchronizationSchema {
  return TEMPLATES.get('scim')!.defaultSchema();
}

const USER_MAPPINGS = 'synchronizationRules/0/objectMappings/0';

describe('synchronizationSchema JSON Schema', () => {
  let service: LanguageService;

  before(() => {
    service = createLanguageService();
  });

  describe('the schema file and its contribution', () => {
    it('is contributed through jsonValidation for *.provisioning.json', () => {
      const contributions = jsonValidationContributions();
      assert.deepEqual(contributions, [{ fileMatch: ['*.provisioning.json'], path: schemaPath }]);
      assert.ok(existsSync(schemaPath));
    });

    it('is itself a valid draft-07 JSON Schema', async () => {
      const text = readFileSync(schemaPath, 'utf8');
      assert.match(text, /"\$schema": "http:\/\/json-schema.org\/draft-07\/schema#"/);
      // The service validates a document that names a $schema against that (built-in) meta-schema.
      const problems = await validate(service, text, 'synchronization-schema.schema.json');
      assert.deepEqual(problems, []);
    });

    it('applies to files named *.provisioning.json in any folder and to the extension\'s own URIs, not to other JSON', async () => {
      const bad = pretty({ directories: [], synchronizationRules: 'none' });
      for (const name of ['job.provisioning.json', 'a/b/c/schema.provisioning.json', 'entra-provisioning:/contoso/app/job/schema.provisioning.json']) {
        const problems = await validate(service, bad, name);
        assert.equal(problems.length, 1, `${name}: ${describeProblems(problems)}`);
      }
      assert.deepEqual(await validate(service, bad, 'provisioning.json'), []);
      assert.deepEqual(await validate(service, bad, 'schema.json'), []);
    });
  });

  describe('real documents validate without a problem', () => {
    for (const [id, template] of TEMPLATES) {
      it(`the ${id} template's default schema`, async () => {
        const problems = await validate(service, pretty(template.defaultSchema()));
        assert.deepEqual(problems, [], describeProblems(problems));
      });
    }

    it('the seeded, customized Workplace SCIM 1.0 job schema (scoping filter, matching changes)', async () => {
      const schema = customizeWorkplaceLegacySchema(TEMPLATES.get('FacebookAtWorkOutDelta')!.defaultSchema());
      assert.ok(schema.synchronizationRules[0]!.objectMappings.some((m) => m.scope?.groups.length));
      const problems = await validate(service, pretty(schema));
      assert.deepEqual(problems, [], describeProblems(problems));
    });

    it('every job schema of the default sandbox seed', async () => {
      const seed = buildSeed('default', new Date('2026-11-01T08:00:00Z'));
      const schemas = new Set(seed.servicePrincipals.flatMap((sp) => sp.jobs.map((job) => pretty(job.schema))));
      assert.ok(schemas.size >= 4, `only ${schemas.size} distinct job schemas in the seed`);
      for (const text of schemas) {
        const problems = await validate(service, text);
        assert.deepEqual(problems, [], describeProblems(problems));
      }
    });

    describe('Microsoft\'s documented examples (shared/reference/example-schema.json)', () => {
      const examplePath = join(referenceDir, 'example-schema.json');
      let examples: Record<string, Record<string, unknown>>;

      before(() => {
        assert.ok(existsSync(examplePath), `the reference examples are missing at ${examplePath}`);
        examples = JSON.parse(readFileSync(examplePath, 'utf8')) as Record<string, Record<string, unknown>>;
      });

      it('the GET …/schema response (Salesforce), with @odata.context as Graph sends it', async () => {
        const schema = examples.synchronizationSchema_GET_example!.schema as Record<string, unknown>;
        const withContext = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(\'x\')/synchronization/jobs(\'y\')/schema/$entity', ...schema };
        const problems = await validate(service, pretty(withContext));
        assert.deepEqual(problems, [], describeProblems(problems));
      });

      it('the AWS gallery template\'s schema', async () => {
        const template = examples.synchronizationTemplate_AWS_SCIM_gallery_app!.template as { schema: unknown };
        const problems = await validate(service, pretty(template.schema));
        assert.deepEqual(problems, [], describeProblems(problems));
      });

      it('the Entra ID User object definition, the Salesforce object mapping, the discovered directory and a parse tree', async () => {
        const fragments: [unknown, string][] = [
          [examples.objectDefinition_EntraID_User!.objectDefinition, 'objectDefinition'],
          [examples.objectMapping_Salesforce_Users!.objectMapping, 'objectMapping'],
          [examples.directoryDefinition_discover_response!.directoryDefinition, 'directoryDefinition'],
          [(examples.parseExpression_response!.parseExpressionResponse as { parsedExpression: unknown }).parsedExpression, 'attributeMappingSource'],
        ];
        for (const [value, definition] of fragments) {
          const problems = await validateAgainstDefinition(service, value, definition);
          assert.deepEqual(problems, [], `${definition}:\n${describeProblems(problems)}`);
        }
      });
    });
  });

  describe('mistakes are reported where they are', () => {
    /** Applies `mutate` to the scim template schema and returns the problems. */
    async function problemsAfter(mutate: (schema: SynchronizationSchema & Record<string, unknown>) => void): Promise<Problem[]> {
      const schema = scimSchema() as SynchronizationSchema & Record<string, unknown>;
      mutate(schema);
      return validate(service, pretty(schema));
    }

    const userMapping = (s: SynchronizationSchema) => s.synchronizationRules[0]!.objectMappings[0]!;

    it('an unknown flowType', async () => {
      const problems = await problemsAfter((s) => {
        (userMapping(s).attributeMappings[2] as unknown as Record<string, unknown>).flowType = 'OnlyOnCreate';
      });
      assert.deepEqual(problems.map((p) => p.path), [`${USER_MAPPINGS}/attributeMappings/2/flowType`]);
      assert.match(problems[0]!.message, /Always/);
      assert.match(problems[0]!.message, /ObjectAddOnly/);
    });

    it('matchingPriority as a string, and a negative one', async () => {
      const problems = await problemsAfter((s) => {
        (userMapping(s).attributeMappings[0] as unknown as Record<string, unknown>).matchingPriority = '1';
        userMapping(s).attributeMappings[1]!.matchingPriority = -1;
      });
      assert.deepEqual(problems.map((p) => p.path), [
        `${USER_MAPPINGS}/attributeMappings/0/matchingPriority`,
        `${USER_MAPPINGS}/attributeMappings/1/matchingPriority`,
      ]);
      assert.match(problems[0]!.message, /integer/i);
    });

    it('an unknown scoping operator, and one in the wrong case', async () => {
      const problems = await problemsAfter((s) => {
        userMapping(s).scope = {
          categoryFilterGroups: [],
          inputFilterGroups: [],
          groups: [
            {
              name: 'Sales',
              clauses: [
                { operatorName: 'CONTAINS', sourceOperandName: 'department', targetOperand: { values: ['Sales'] } },
                { operatorName: 'greater_than', sourceOperandName: 'employeeId', targetOperand: { values: ['5'] } },
                { operatorName: 'Greater_Than', sourceOperandName: 'employeeId', targetOperand: { values: ['5'] } },
                { operatorName: '!&', sourceOperandName: 'department', targetOperand: { values: ['x'] } },
                { operatorName: 'IS NOT NULL', sourceOperandName: 'department', targetOperand: null },
              ],
            },
          ],
        };
      });
      assert.deepEqual(problems.map((p) => p.path), [
        `${USER_MAPPINGS}/scope/groups/0/clauses/0/operatorName`,
        `${USER_MAPPINGS}/scope/groups/0/clauses/1/operatorName`,
      ]);
    });

    it('a wrong mutability and a wrong attribute type', async () => {
      const problems = await problemsAfter((s) => {
        const attributes = s.directories[1]!.objects[0]!.attributes as unknown as Record<string, unknown>[];
        attributes[1]!.mutability = 'Writable';
        attributes[2]!.type = 'Bool';
      });
      assert.deepEqual(problems.map((p) => p.path), ['directories/1/objects/0/attributes/1/mutability', 'directories/1/objects/0/attributes/2/type']);
      assert.match(problems[0]!.message, /ReadWrite/);
    });

    it('flowTypes that are not a list of Add, Update, Delete', async () => {
      for (const good of ['Add,Update,Delete', 'Add, Update, Delete', 'Update', 'None']) {
        const problems = await problemsAfter((s) => (userMapping(s).flowTypes = good));
        assert.deepEqual(problems, [], good);
      }
      for (const bad of ['Add|Update', 'Create, Update', '', 'add, update']) {
        const problems = await problemsAfter((s) => (userMapping(s).flowTypes = bad));
        assert.deepEqual(problems.map((p) => p.path), [`${USER_MAPPINGS}/flowTypes`], bad);
        assert.match(problems[0]!.message, /Add, Update, Delete/);
      }
    });

    it('unknown flowBehavior and source type, a boolean given as a string, a missing target attribute', async () => {
      const problems = await problemsAfter((s) => {
        const mappings = userMapping(s).attributeMappings as unknown as Record<string, unknown>[];
        mappings[0]!.flowBehavior = 'Always';
        (mappings[1]!.source as Record<string, unknown>).type = 'Expression';
        mappings[2]!.exportMissingReferences = 'false';
        delete mappings[3]!.targetAttributeName;
      });
      assert.deepEqual(problems.map((p) => p.path), [
        `${USER_MAPPINGS}/attributeMappings/0/flowBehavior`,
        `${USER_MAPPINGS}/attributeMappings/1/source/type`,
        `${USER_MAPPINGS}/attributeMappings/2/exportMissingReferences`,
        `${USER_MAPPINGS}/attributeMappings/3`,
      ]);
      assert.match(problems[3]!.message, /targetAttributeName/);
    });

    it('a Disposition metadata value that is not JSON-quoted', async () => {
      let index = -1;
      const problems = await problemsAfter((s) => {
        index = userMapping(s).metadata.findIndex((m) => m.key === 'Disposition');
        userMapping(s).metadata[index]!.value = 'Normal';
      });
      assert.deepEqual(problems.map((p) => p.path), [`${USER_MAPPINGS}/metadata/${index}/value`]);
    });

    it('nested parse-tree mistakes inside function parameters', async () => {
      const schema = scimSchema();
      const mappings = userMapping(schema).attributeMappings;
      const index = mappings.findIndex((m) => (m.source?.parameters.length ?? 0) > 0);
      (mappings[index]!.source!.parameters[0]!.value as unknown as Record<string, unknown>).type = 'Variable';
      const problems = await validate(service, pretty(schema));
      assert.deepEqual(problems.map((p) => p.path), [`${USER_MAPPINGS}/attributeMappings/${index}/source/parameters/0/value/type`]);
    });

    it('wrong types at the top: a missing synchronizationRules, directories as an object', async () => {
      const problems = await validate(service, pretty({ directories: {} }));
      assert.deepEqual(problems.map((p) => p.path).sort(), ['', 'directories']);
    });

    it('accepts extra properties Graph may add, but still types the known ones', async () => {
      const problems = await problemsAfter((s) => {
        (userMapping(s) as unknown as Record<string, unknown>).futureGraphProperty = { anything: true };
        (s as Record<string, unknown>)['@odata.context'] = 'https://graph.microsoft.com/beta/$metadata#x';
      });
      assert.deepEqual(problems, []);
    });
  });

  describe('editing help', () => {
    const flowTypeDocument = `{"directories": [], "synchronizationRules": [{"id": "r", "sourceDirectoryName": "a", "targetDirectoryName": "b", "objectMappings": [{"sourceObjectName": "User", "targetObjectName": "User", "attributeMappings": [{"targetAttributeName": "userName", "flowType": "|", "matchingPriority": 1}]}]}]}`;

    it('completes flowType with every value and explains each one in portal terms', async () => {
      const { items } = await completeAt(service, flowTypeDocument);
      const labels = items.map((i) => i.label);
      for (const value of ['Always', 'ObjectAddOnly', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly']) {
        assert.ok(labels.includes(`"${value}"`), `${value} missing from ${labels.join(', ')}`);
      }
      const addOnly = items.find((i) => i.label === '"ObjectAddOnly"')!;
      const documentation = typeof addOnly.documentation === 'string' ? addOnly.documentation : addOnly.documentation?.value ?? '';
      assert.match(documentation, /Only during creation/);
    });

    it('explains matchingPriority 0, 1 and 2 on hover', async () => {
      const hover = await hoverAt(service, flowTypeDocument.replace('"flowType": "|"', '"flowType": "Always"').replace('"matchingPriority"', '"matching|Priority"'));
      assert.match(hover, /Matching precedence/);
      assert.match(hover, /`0` — not a matching attribute/);
      assert.match(hover, /`1` — tried \*\*first\*\*/);
      assert.match(hover, /`2` — tried \*\*next\*\*/);
    });

    it('explains an operator value on hover', async () => {
      const hover = await hoverAt(
        service,
        `{"directories": [], "synchronizationRules": [{"id": "r", "sourceDirectoryName": "a", "targetDirectoryName": "b", "objectMappings": [{"sourceObjectName": "User", "targetObjectName": "User", "attributeMappings": [], "scope": {"groups": [{"name": "g", "clauses": [{"operatorName": "NOT REGEX| MATCH", "sourceOperandName": "mail", "targetOperand": {"values": [".*"]}}]}]}}]}]}`,
      );
      assert.match(hover, /false\*\* when the attribute is null\/empty/);
    });

    it('offers known metadata keys with their meaning (IsSoftDeleted explained)', async () => {
      const { items } = await completeAt(
        service,
        `{"directories": [{"name": "Azure Active Directory", "objects": [{"name": "User", "attributes": [], "metadata": [{"key": "|"}]}]}], "synchronizationRules": []}`,
      );
      const softDeleted = items.find((i) => i.label === '"PropertyNameSoftDeleted"');
      assert.ok(softDeleted, items.map((i) => i.label).join(', '));
      const documentation = typeof softDeleted.documentation === 'string' ? softDeleted.documentation : softDeleted.documentation?.value ?? '';
      assert.match(documentation, /IsSoftDeleted/);
      assert.match(documentation, /unassigned/);
    });

    it('says on the whole document that PUT replaces the whole schema', async () => {
      const hover = await hoverAt(service, '{"directo|ries": [], "synchronizationRules": []}');
      assert.ok(hover.length > 0);
      const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { markdownDescription: string };
      assert.match(schema.markdownDescription, /replaces the whole schema/);
    });

    describe('snippets produce valid documents when accepted as offered', () => {
      /** Accepts every completion whose label starts with `prefix` at `|` and validates the resulting document. */
      async function acceptAll(textWithCursor: string, prefix: string, expected: number): Promise<void> {
        const { items, text, document } = await completeAt(service, textWithCursor);
        const snippets = items.filter((i) => String(i.label).startsWith(prefix));
        assert.equal(snippets.length, expected, `snippets "${prefix}…": ${items.map((i) => i.label).join(', ')}`);
        for (const item of snippets) {
          const result = applyCompletion(text, document, item);
          const problems = await validate(service, result);
          assert.deepEqual(problems, [], `${item.label}:\n${result}\n${describeProblems(problems)}`);
        }
      }

      const inMappings = (inner: string) =>
        `{"directories": [], "synchronizationRules": [{"id": "r", "sourceDirectoryName": "a", "targetDirectoryName": "b", "objectMappings": [{"sourceObjectName": "User", "targetObjectName": "User", ${inner}}]}]}`;

      it('new attribute mappings: direct, constant, expression, default value only', async () => {
        await acceptAll(inMappings('"attributeMappings": [|]'), 'Attribute mapping:', 4);
      });

      it('the expression snippet keeps the expression\'s quotes escaped for JSON', async () => {
        const { items, text, document } = await completeAt(service, inMappings('"attributeMappings": [|]'));
        const item = items.find((i) => i.label === 'Attribute mapping: expression')!;
        const result = JSON.parse(applyCompletion(text, document, item)) as SynchronizationSchema;
        const mapping = result.synchronizationRules[0]!.objectMappings[0]!.attributeMappings[0]!;
        assert.equal(mapping.source?.expression, 'Join(" ", [givenName], [surname])');
        assert.equal(mapping.source?.type, 'Function');
      });

      it('a scoping clause, binary and unary', async () => {
        await acceptAll(inMappings('"attributeMappings": [], "scope": {"groups": [{"name": "g", "clauses": [|]}]}'), 'Scoping clause:', 2);
      });

      it('a scoping filter group and a whole scope', async () => {
        await acceptAll(inMappings('"attributeMappings": [], "scope": {"groups": [|]}'), 'Scoping filter group', 1);
        await acceptAll(inMappings('"attributeMappings": [], "scope": |'), 'Scoping filter', 1);
      });

      it('a mapping source: attribute, constant, expression', async () => {
        await acceptAll(inMappings('"attributeMappings": [{"targetAttributeName": "x", "source": |}]'), 'Source:', 3);
      });

      it('new target attributes', async () => {
        await acceptAll(`{"directories": [{"name": "t", "objects": [{"name": "User", "attributes": [|]}]}], "synchronizationRules": []}`, 'New ', 2);
      });

      it('common flowTypes values', async () => {
        const { items } = await completeAt(service, inMappings('"attributeMappings": [], "flowTypes": |'));
        assert.ok(items.some((i) => i.label === '"Add, Update, Delete"'), items.map((i) => i.label).join(', '));
      });
    });
  });
});
