// Mapping documents for tests, the fuzz test and the benchmark: the sandbox's template schemas (real documents), the
// seeded customized Workplace SCIM 1.0 job, and a generated large document (N attribute mappings with varied,
// realistic expressions, every target declared) that is clean apart from the diagnostics a real job has.
import type { AttributeMapping, SynchronizationSchema } from '../../../../src/graph/model';
import { toMappingSource } from '../../../../src/mapping/expression';
import { customizeWorkplaceLegacySchema } from '../../../../src/sandbox/tenant/seed';
import { TEMPLATES } from '../../../../src/sandbox/tenant/templates';

export const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/** Every template's default schema, as a job would have it (schema id = a job id of the template). */
export function templateDocuments(): { id: string; text: string }[] {
  return [...TEMPLATES.values()].map((t) => {
    const schema = t.defaultSchema();
    schema.id = `${t.id}.0123456789abcdef0123456789abcdef.11111111-2222-3333-4444-555555555555`;
    return { id: t.id, text: pretty(schema) };
  });
}

/** The seed's customized legacy Workplace job (FacebookAtWorkOutDelta…). */
export function workplaceLegacyJob(): SynchronizationSchema {
  const schema = customizeWorkplaceLegacySchema(TEMPLATES.get('FacebookAtWorkOutDelta')!.defaultSchema());
  schema.id = 'FacebookAtWorkOutDelta.0a1b2c3d4e5f607.18293a4b5c6d7e8';
  return schema;
}

export function templateSchema(id: string): SynchronizationSchema {
  const schema = TEMPLATES.get(id)!.defaultSchema();
  schema.id = `${id}.0123456789abcdef0123456789abcdef.11111111-2222-3333-4444-555555555555`;
  return schema;
}

/** Realistic expressions; `{i}` makes each one distinct so nothing is shared between mappings by accident. */
const EXPRESSIONS = [
  'Join(" ", [givenName], [surname], "{i}")',
  'Switch([department], "Other{i}", "Sales", "S", "Engineering", "E", "Marketing", "M")',
  'Append(ToLower([mailNickname]), "@contoso{i}.com")',
  'Replace([mail], "@contoso.com", , , "@fabrikam{i}.com", , )',
  'IIF([country]="USA", [state], Join("-", [country], "{i}"))',
  'Coalesce([extensionAttribute{m}], [department], "none{i}")',
  'FormatDateTime([extensionAttribute{m}], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
  'Mid(NormalizeDiacritics([displayName]), 1, {i})',
  'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )',
  'Left(StripSpaces(PCase([jobTitle])), {i})',
  'Word([streetAddress], {m}, " ")',
  'DateAdd("d", {i}, CDate([extensionAttribute{m}]))',
  '[extensionAttribute{m}]',
  'ToUpper(Join(".", [givenName], Mid([surname], 1, {m}), "x{i}"))',
];

/**
 * A document with `count` attribute mappings in one object mapping: the scim template's core mappings, then custom
 * extension attributes (declared in the target object) mapped from varied expressions.
 */
export function generatedDocument(count: number): string {
  const schema = templateSchema('scim');
  const user = schema.synchronizationRules[0]!.objectMappings[0]!;
  const target = schema.directories[1]!.objects.find((o) => o.name === user.targetObjectName)!;
  const mappings: AttributeMapping[] = [...user.attributeMappings];
  // The documented fallback keeps the sample free of the [mail] hint.
  for (const m of mappings) if (m.source?.expression === '[mail]') m.source = toMappingSource('Coalesce([mail],[userPrincipalName])');
  for (let i = 0; mappings.length < count; i++) {
    const name = `urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:attribute${i}`;
    target.attributes.push({ ...target.attributes.find((a) => a.name === 'title')!, name });
    const expression = EXPRESSIONS[i % EXPRESSIONS.length]!.replace(/\{i\}/g, String(i)).replace(/\{m\}/g, String((i % 15) + 1));
    mappings.push({
      defaultValue: null,
      exportMissingReferences: false,
      flowBehavior: 'FlowWhenChanged',
      flowType: 'Always',
      matchingPriority: 0,
      source: toMappingSource(expression),
      targetAttributeName: name,
    });
  }
  user.attributeMappings = mappings;
  return pretty(schema);
}
