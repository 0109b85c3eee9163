// Shared inputs of the preview tests: template schemas from the sandbox, a Graph user as GET /users/{id}?$expand=manager
// returns it, and small builders for hand-made object mappings.
import type { AttributeMapping, Filter, SynchronizationSchema } from '../../../../src/graph/model';
import { TEMPLATES, attribute, constant, mapping } from '../../../../src/sandbox/tenant/templates';

export function templateSchema(id: string): SynchronizationSchema {
  const template = TEMPLATES.get(id);
  if (!template) throw new Error(`no template ${id}`);
  return template.defaultSchema();
}

/** The object mapping of the first rule for `source` (to customise a template in a test). */
export function userMappings(schema: SynchronizationSchema, source = 'User'): AttributeMapping[] {
  return schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === source)!.attributeMappings;
}

export function setScope(schema: SynchronizationSchema, scope: Filter | null, source = 'User'): SynchronizationSchema {
  schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === source)!.scope = scope;
  return schema;
}

/** A Graph user (GET /users/{id}?$expand=manager). */
export function graphUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
    id: '6f1c3b52-8e0a-4d7c-9b21-3a5e7d9f0c14',
    userPrincipalName: 'adele.vance@contoso.com',
    displayName: 'Adele Vance',
    givenName: 'Adele',
    surname: 'Vance',
    mail: 'adele.vance@contoso.com',
    mailNickname: 'adele.vance',
    accountEnabled: true,
    jobTitle: 'Retail Manager',
    department: 'Retail',
    companyName: 'Contoso',
    employeeId: 'E1001',
    officeLocation: 'Seattle HQ',
    streetAddress: '1 Contoso Way',
    city: 'Seattle',
    state: 'WA',
    postalCode: '98101',
    country: 'United States',
    businessPhones: ['+1 206 555 0100'],
    mobilePhone: '+1 206 555 0199',
    faxNumber: null,
    preferredLanguage: 'en-US',
    usageLocation: 'US',
    userType: 'Member',
    onPremisesExtensionAttributes: { extensionAttribute1: 'sso', extensionAttribute5: '1700000000', extensionAttribute6: null },
    manager: { id: '0b8e2f61-3c4d-4a5b-8c9d-1e2f3a4b5c6d', displayName: 'Megan Bowen' },
    ...overrides,
  };
}

export { attribute, constant, mapping };
