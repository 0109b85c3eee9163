// What the (fictional) Contoso admins changed on the legacy Workplace SCIM 1.0 job over the years. These are exactly
// the things Microsoft says a SCIM 1.0 → 2.0 migration loses (graph-synchronization.md §8: scoping filters, custom
// attribute mappings, matching changes), so the migration feature has something real to carry over. Keep
// WORKPLACE_LEGACY_CUSTOMIZATIONS in sync with customizeWorkplaceLegacySchema: tests diff the two.
import type { AttributeMapping, Filter, SynchronizationSchema } from '../../../graph/model';
import { attribute, enterprise1, mapping } from '../templates';

export const EMPLOYEES_ONLY_FILTER_NAME = 'Employees only';

/** The scoping filter: users with a department, and no B2B guests (their UPNs contain #EXT#). */
export function employeesOnlyScope(): Filter {
  return {
    categoryFilterGroups: [],
    groups: [
      {
        name: EMPLOYEES_ONLY_FILTER_NAME,
        clauses: [
          { operatorName: 'IS NOT NULL', sourceOperandName: 'department', targetOperand: null },
          { operatorName: 'NOT REGEX MATCH', sourceOperandName: 'userPrincipalName', targetOperand: { values: ['.*#EXT#.*'] } },
        ],
      },
    ],
    inputFilterGroups: [],
  };
}

/** Human-readable list of the changes (for docs, tests and the report); target names are exact. */
export const WORKPLACE_LEGACY_CUSTOMIZATIONS = [
  'scope: null → filter group "Employees only" = department IS NOT NULL AND userPrincipalName NOT REGEX MATCH ".*#EXT#.*"',
  'added mapping urn:scim:schemas:extension:enterprise:1.0.costCenter ← [extensionAttribute2]',
  'name.formatted: Join(" ", [givenName], [surname]) → [displayName]',
  'externalId: [mailNickname] (matchingPriority 0) → [employeeId] (matchingPriority 1)',
  'userName: matchingPriority 1 → 2 (source unchanged: [userPrincipalName])',
] as const;

function find(mappings: AttributeMapping[], target: string): AttributeMapping {
  const found = mappings.find((m) => m.targetAttributeName === target);
  if (!found) throw new Error(`Workplace legacy schema has no mapping for ${target}`);
  return found;
}

/** Applies the customizations to a fresh FacebookAtWorkOutDelta default schema, in place. */
export function customizeWorkplaceLegacySchema(schema: SynchronizationSchema): SynchronizationSchema {
  const users = schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'User');
  if (!users) throw new Error('Workplace legacy schema has no user object mapping');
  const mappings = users.attributeMappings;

  users.scope = employeesOnlyScope();

  // Cost center comes from on-premises AD (extensionAttribute2); inserted after the other enterprise attributes.
  const costCenter = mapping(enterprise1('costCenter'), attribute('extensionAttribute2'));
  const lastEnterprise = mappings.map((m) => m.targetAttributeName.startsWith('urn:scim:schemas:extension:enterprise:1.0.')).lastIndexOf(true);
  mappings.splice(lastEnterprise + 1, 0, costCenter);

  // Workplace shows name.formatted as the profile name; Contoso wanted the curated Entra displayName there.
  find(mappings, 'name.formatted').source = attribute('displayName');

  // Match on the HR employee id first (stable across renames and UPN changes), then fall back to userName.
  const externalId = find(mappings, 'externalId');
  externalId.source = attribute('employeeId');
  externalId.matchingPriority = 1;
  find(mappings, 'userName').matchingPriority = 2;

  return schema;
}
