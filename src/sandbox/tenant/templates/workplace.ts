// Workplace from Meta (formerly Workplace by Facebook): the legacy SCIM 1.0 connector `FacebookAtWorkOutDelta` and the
// SCIM 2.0 connector `FacebookWorkplace` (December 2021). Target attribute names are exactly those of the Entra tutorial
// (graph-synchronization.md §8, scim-and-workplace.md §1) — 1.0 names use the dotted `urn:…:1.0.<attr>` form, 2.0 names
// the colon form. Users only: Workplace 2.0 groups ("people sets") are optional and the 1.0 connector has none.
import type { AttributeMapping } from '../../../graph/model';
import { attribute } from './mappingSource';
import { configurationFields, defineTemplate, type TemplateDefinition } from './definition';
import { coreUserMappings } from './coreMappings';
import { mapping, objectMapping, outboundRule, targetDirectory } from './schemaParts';
import { bool, int, objectDefinition, str } from './attributes';
import { enterprise1, enterprise2, enterpriseUserAttributes, scimCoreUserAttributes } from './scimAttributes';

/** The only Tenant URL the Workplace app accepts. */
export const WORKPLACE_BASE_ADDRESS = 'https://scim.workplace.com/';

// Facebook extension attributes, SCIM 1.0 (dotted / colon exactly as the tutorial prints them).
export const WORKPLACE1_AUTH_METHOD = 'urn:scim:schemas:extension:facebook:auth_method:1.0:auth_method';
export const WORKPLACE1_IS_FRONTLINE = 'urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline';
export const WORKPLACE1_START_DATE = 'urn:scim:schemas:extension:facebook:starttermdates:1.0.startDate';
// SCIM 2.0 (no frontline attribute is known for 2.0).
export const WORKPLACE2_START_DATE = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User:startDate';
export const WORKPLACE2_TERM_DATE = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User:termDate';
export const WORKPLACE2_AUTH_METHOD = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User:authMethod';

const WORKPLACE_USER_OBJECT = 'User';

/** Enterprise-extension mappings both connectors ship with; division and costCenter have no Entra default source. */
function enterpriseMappings(name: (attribute: string) => string): AttributeMapping[] {
  return [
    mapping(name('manager'), attribute('manager')),
    mapping(name('department'), attribute('department')),
    mapping(name('organization'), attribute('companyName')),
    mapping(name('employeeNumber'), attribute('employeeId')),
  ];
}

function workplaceMetadata(galleryApplicationIdentifier: string): Record<string, string> {
  return {
    AzureIngestionAttributeOptimization: 'False',
    galleryApplicationIdentifier,
    galleryApplicationKey: 'workplacebyfacebook',
    // Admin credentials are an OAuth "Authorize" button, so the only field typed in is the Tenant URL.
    IsOAuthEnabled: 'true',
    isSynchronizationInPreview: 'false',
    configurationFields: configurationFields(['baseaddress']),
  };
}

const WORKPLACE_GALLERY_ID = '0d4e1b7a-52c3-4f86-9e1d-7b2a6c5f3e80';

// ---- SCIM 1.0 (legacy) ------------------------------------------------------------------------------------------

const LEGACY_DIRECTORY = 'Workplace by Facebook';
const LEGACY_RULE_ID = '5e3d8a41-7c26-4b9f-8e1a-2f6c4d9b0a17';

/** Exactly the tutorial's attribute list (plus the SCIM id anchor). `title` is a String: the tutorial's "Boolean" is a typo. */
function legacyUserAttributes() {
  return [
    str('id', { anchor: true, mutability: 'ReadOnly', caseExact: true }),
    str('userName', { required: true }),
    str('displayName'),
    bool('active'),
    str('title'),
    str('emails[type eq "work"].value'),
    str('name.givenName'),
    str('name.familyName'),
    str('name.formatted'),
    ...['formatted', 'streetAddress', 'locality', 'region', 'country', 'postalCode'].map((part) => str(`addresses[type eq "work"].${part}`)),
    str('addresses[type eq "other"].formatted'),
    str('phoneNumbers[type eq "work"].value'),
    str('phoneNumbers[type eq "mobile"].value'),
    str('phoneNumbers[type eq "fax"].value'),
    str('externalId', { caseExact: true }),
    str('preferredLanguage'),
    ...enterpriseUserAttributes(enterprise1, WORKPLACE_USER_OBJECT),
    str(WORKPLACE1_AUTH_METHOD),
    bool(WORKPLACE1_IS_FRONTLINE),
    int(WORKPLACE1_START_DATE),
  ];
}

export const workplaceLegacyTemplate: TemplateDefinition = defineTemplate({
  id: 'FacebookAtWorkOutDelta',
  factoryTag: 'FacebookAtWorkOutDelta',
  description: 'Workplace by Facebook — SCIM 1.0 connector (superseded by the SCIM 2.0 connector FacebookWorkplace).',
  metadata: workplaceMetadata(WORKPLACE_GALLERY_ID),
  targetDirectoryName: LEGACY_DIRECTORY,
  userRuleId: LEGACY_RULE_ID,
  legacy: true,
  build: () => ({
    version: '1.0',
    directories: [
      targetDirectory('c8d3b1a4-5e6f-4071-8cbd-2e3f4a5b6c7d', LEGACY_DIRECTORY, [
        objectDefinition(WORKPLACE_USER_OBJECT, legacyUserAttributes()),
      ]),
    ],
    synchronizationRules: [
      outboundRule(LEGACY_RULE_ID, LEGACY_DIRECTORY, [
        objectMapping(
          'Provision Azure Active Directory Users',
          'User',
          WORKPLACE_USER_OBJECT,
          [...coreUserMappings(), ...enterpriseMappings(enterprise1)],
          { joiningProperty: 'userName' },
        ),
      ]),
    ],
  }),
});

// ---- SCIM 2.0 ---------------------------------------------------------------------------------------------------

const SCIM2_DIRECTORY = 'Workplace from Meta';
const SCIM2_RULE_ID = '9b7f2c10-4a8e-4d3b-b6f5-3e1d0c9a8b72';

function scim2UserAttributes() {
  return [
    ...scimCoreUserAttributes({ roles: false, otherAddressFormattedOnly: true }),
    ...enterpriseUserAttributes(enterprise2, WORKPLACE_USER_OBJECT),
    // UNIX epoch seconds; 0 = unset.
    int(WORKPLACE2_START_DATE),
    int(WORKPLACE2_TERM_DATE),
    str(WORKPLACE2_AUTH_METHOD), // "sso" | "password"
  ];
}

export const workplaceScim2Template: TemplateDefinition = defineTemplate({
  id: 'FacebookWorkplace',
  factoryTag: 'CustomSCIM',
  description: 'Workplace from Meta — SCIM 2.0 connector.',
  metadata: workplaceMetadata(WORKPLACE_GALLERY_ID),
  targetDirectoryName: SCIM2_DIRECTORY,
  userRuleId: SCIM2_RULE_ID,
  build: () => ({
    version: '2.0',
    directories: [
      targetDirectory('d9e4c2b5-6f70-4182-9dce-3f4a5b6c7d8e', SCIM2_DIRECTORY, [
        objectDefinition(WORKPLACE_USER_OBJECT, scim2UserAttributes()),
      ]),
    ],
    synchronizationRules: [
      outboundRule(SCIM2_RULE_ID, SCIM2_DIRECTORY, [
        objectMapping(
          'Provision Azure Active Directory Users',
          'User',
          WORKPLACE_USER_OBJECT,
          [...coreUserMappings(), ...enterpriseMappings(enterprise2)],
          { joiningProperty: 'userName' },
        ),
      ]),
    ],
  }),
});
