// Target attributes of SCIM apps, in the flattened path form Entra uses for `targetAttributeName`
// (mapping-expressions.md §1: `name.givenName`, `emails[type eq "work"].value`, URN-qualified extension attributes):
// SCIM 2.0 core User and Group (RFC 7643 §4, scim-and-workplace.md §3), the Enterprise User extension 2.0 (colon form)
// and 1.0 (the dotted form 2018-era connectors use), Workplace from Meta's Facebook extensions for SCIM 1.0 and 2.0
// (scim-and-workplace.md §1, graph-synchronization.md §8) and the custom extension pattern of non-gallery apps.
//
// "filterable" = usable as a matching attribute: Entra matches with `GET /Users?filter=<attribute> eq "<value>"`
// (scim-and-workplace.md §2), which needs a single-valued, readable, simple attribute the app can filter on.
import { attributeInfo, type AttributeInfo, type AttributeSpec } from './attributeInfo';

export const SCIM_CORE_USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_CORE_GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_2_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ENTERPRISE_1_URN = 'urn:scim:schemas:extension:enterprise:1.0';

const CORE_USER = 'SCIM 2.0 core User';
const CORE_GROUP = 'SCIM 2.0 core Group';
const ENTERPRISE_2 = 'SCIM Enterprise User extension 2.0';
const ENTERPRISE_1 = 'SCIM Enterprise User extension 1.0 (legacy connectors)';
const WORKPLACE_1 = 'Workplace from Meta, SCIM 1.0 extension';
const WORKPLACE_2 = 'Workplace from Meta, SCIM 2.0 extension';

const a = (origin: string) => (name: string, description: string, spec: AttributeSpec = {}) => attributeInfo(name, description, origin, spec);
const core = a(CORE_USER);

const ADDRESS_PARTS: readonly [string, string][] = [
  ['formatted', 'The full mailing address, formatted for display.'],
  ['streetAddress', 'Street address, possibly with house number and street name.'],
  ['locality', 'City or locality.'],
  ['region', 'State or region.'],
  ['postalCode', 'Zip or postal code.'],
  ['country', 'Country (ISO 3166-1 alpha-2 code, e.g. "US").'],
];

/** SCIM 2.0 core User attributes (names identical in SCIM 1.1 targets). */
export const SCIM_CORE_USER_ATTRIBUTES: readonly AttributeInfo[] = [
  core('id', 'The resource id the service provider assigns; read-only, Entra stores it after create or match.', {
    mutability: 'ReadOnly',
    anchor: true,
    caseExact: true,
  }),
  core('userName', 'Unique identifier the user signs in with (often the UPN or email). Required; the default matching attribute.', {
    required: true,
  }),
  core('externalId', 'Identifier of the user in the provisioning client (Entra); case-exact. A good matching attribute.', { caseExact: true }),
  core('active', 'Whether the user can use the app ("True"/"False"); Entra disables users by setting it to False.', { type: 'Boolean' }),
  core('displayName', 'Name shown to end users.'),
  core('nickName', 'Casual name of the user.'),
  core('profileUrl', 'URL of the user\'s online profile.'),
  core('title', 'Job title, e.g. "Vice President".'),
  core('userType', 'Relationship to the organization, e.g. "Employee", "Contractor".'),
  core('preferredLanguage', 'Preferred written or spoken language, e.g. "en-US".'),
  core('locale', 'Default location for localizing dates and numbers, e.g. "en-US".'),
  core('timezone', 'Time zone in IANA format, e.g. "America/Los_Angeles".'),
  core('password', 'Initial password; write-only, never returned.', { mutability: 'WriteOnly' }),
  core('name.formatted', 'The full name, formatted for display.'),
  core('name.familyName', 'Family (last) name.'),
  core('name.givenName', 'Given (first) name.'),
  core('name.middleName', 'Middle name(s).'),
  core('name.honorificPrefix', 'Honorific prefix, e.g. "Ms.".'),
  core('name.honorificSuffix', 'Honorific suffix, e.g. "III".'),
  ...['work', 'home', 'other'].map((type) =>
    core(`emails[type eq "${type}"].value`, `The user's ${type} email address${type === 'work' ? ' (Entra\'s default email target)' : ''}.`),
  ),
  core('emails[type eq "work"].primary', 'Whether the work email is the primary one ("True"/"False").', { type: 'Boolean', filterable: false }),
  ...['work', 'home', 'other'].flatMap((type) =>
    ADDRESS_PARTS.map(([part, text]) => core(`addresses[type eq "${type}"].${part}`, `${type[0]!.toUpperCase()}${type.slice(1)} address: ${text}`)),
  ),
  ...['work', 'home', 'mobile', 'fax', 'pager', 'other'].map((type) => core(`phoneNumbers[type eq "${type}"].value`, `The user's ${type} phone number.`)),
  core('ims[type eq "skype"].value', 'Instant messaging address (Skype).'),
  core('photos[type eq "photo"].value', 'URL of a photo of the user.'),
  core('photos[type eq "thumbnail"].value', 'URL of a thumbnail photo of the user.'),
  core('roles', 'All roles of the user (complex, multi-valued); map with AppRoleAssignmentsComplex / AssertiveAppRoleAssignmentsComplex.', {
    multivalued: true,
  }),
  core('roles[primary eq "True"].value', 'Value of the primary role; map with SingleAppRoleAssignment([appRoleAssignments]).', { filterable: false }),
  core('roles[primary eq "True"].display', 'Display name of the primary role.', { filterable: false }),
  core('roles[primary eq "True"].type', 'Type of the primary role (always sent as "WindowsAzureActiveDirectoryRole").', { filterable: false }),
  core('entitlements', 'Entitlements of the user (multi-valued).', { multivalued: true }),
  core('groups', 'Groups the user belongs to; read-only (managed through Group.members).', { multivalued: true, mutability: 'ReadOnly' }),
  core('x509Certificates', 'Certificates of the user (multi-valued, binary).', { multivalued: true, type: 'Binary' }),
];

/** SCIM 2.0 core Group attributes. */
export const SCIM_CORE_GROUP_ATTRIBUTES: readonly AttributeInfo[] = [
  attributeInfo('id', 'The resource id the service provider assigns; read-only.', CORE_GROUP, { mutability: 'ReadOnly', anchor: true, caseExact: true }),
  attributeInfo('displayName', 'Name of the group. Required; the default matching attribute for groups.', CORE_GROUP, { required: true }),
  attributeInfo('externalId', 'Identifier of the group in Entra (usually objectId); case-exact.', CORE_GROUP, { caseExact: true }),
  attributeInfo('members', 'Members of the group (references to users and groups); Entra adds them with PATCH after creating the group.', CORE_GROUP, {
    type: 'Reference',
    multivalued: true,
  }),
];

const ENTERPRISE_PARTS: readonly [string, string, AttributeSpec?][] = [
  ['employeeNumber', 'Numeric or alphanumeric identifier assigned by the organization.'],
  ['costCenter', 'Name of a cost center.'],
  ['organization', 'Name of an organization.'],
  ['division', 'Name of a division.'],
  ['department', 'Name of a department.'],
  ['manager', 'The user\'s manager (a reference to another user in the app; map from the Entra `manager` reference).', { type: 'Reference' }],
];

/** `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:<attribute>`. */
export const enterprise2Name = (attribute: string): string => `${ENTERPRISE_2_URN}:${attribute}`;
/** `urn:scim:schemas:extension:enterprise:1.0.<attribute>` (dotted, as legacy connectors spell it). */
export const enterprise1Name = (attribute: string): string => `${ENTERPRISE_1_URN}.${attribute}`;

export const ENTERPRISE_2_ATTRIBUTES: readonly AttributeInfo[] = ENTERPRISE_PARTS.map(([part, text, spec]) =>
  attributeInfo(enterprise2Name(part), text, ENTERPRISE_2, spec),
);
export const ENTERPRISE_1_ATTRIBUTES: readonly AttributeInfo[] = ENTERPRISE_PARTS.map(([part, text, spec]) =>
  attributeInfo(enterprise1Name(part), text, ENTERPRISE_1, spec),
);

// ---- Workplace from Meta ------------------------------------------------------------------------------------------

export const WORKPLACE_1_AUTH_METHOD = 'urn:scim:schemas:extension:facebook:auth_method:1.0:auth_method';
export const WORKPLACE_1_IS_FRONTLINE = 'urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline';
export const WORKPLACE_1_START_DATE = 'urn:scim:schemas:extension:facebook:starttermdates:1.0.startDate';
export const WORKPLACE_1_TERM_DATE = 'urn:scim:schemas:extension:facebook:starttermdates:1.0.termDate';
export const WORKPLACE_2_START_DATE = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User:startDate';
export const WORKPLACE_2_TERM_DATE = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User:termDate';
export const WORKPLACE_2_AUTH_METHOD = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User:authMethod';
const WORKPLACE_2_STATUS = 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User';

export const WORKPLACE_1_ATTRIBUTES: readonly AttributeInfo[] = [
  attributeInfo(WORKPLACE_1_AUTH_METHOD, 'How the user signs in to Workplace: "sso" or "password".', WORKPLACE_1),
  attributeInfo(WORKPLACE_1_IS_FRONTLINE, 'Whether the user is a frontline worker. No SCIM 2.0 equivalent is known.', WORKPLACE_1, { type: 'Boolean' }),
  attributeInfo(WORKPLACE_1_START_DATE, 'Start date as UNIX epoch seconds (0 = unset).', WORKPLACE_1, { type: 'Integer' }),
  attributeInfo(WORKPLACE_1_TERM_DATE, 'Termination date as UNIX epoch seconds (0 = unset).', WORKPLACE_1, { type: 'Integer' }),
];

export const WORKPLACE_2_ATTRIBUTES: readonly AttributeInfo[] = [
  attributeInfo(WORKPLACE_2_START_DATE, 'Start date as UNIX epoch seconds (0 = unset).', WORKPLACE_2, { type: 'Integer' }),
  attributeInfo(WORKPLACE_2_TERM_DATE, 'Termination date as UNIX epoch seconds (0 = unset).', WORKPLACE_2, { type: 'Integer' }),
  attributeInfo(WORKPLACE_2_AUTH_METHOD, 'How the user signs in to Workplace: "sso" or "password" (no underscore in the 2.0 name).', WORKPLACE_2),
  ...(
    [
      ['claimed', 'Whether the user has claimed the account.', 'Boolean'],
      ['claimDate', 'When the account was claimed (epoch seconds).', 'Integer'],
      ['claimLink', 'Link the user claims the account with.', 'String'],
      ['invited', 'Whether the user was invited.', 'Boolean'],
      ['inviteDate', 'When the user was invited (epoch seconds).', 'Integer'],
      ['accessCode', 'Access code of an email-less account.', 'String'],
    ] as const
  ).map(([part, text, type]) =>
    attributeInfo(`${WORKPLACE_2_STATUS}:${part}`, `${text} Account status data maintained by Workplace (read-only).`, WORKPLACE_2, {
      type,
      mutability: 'ReadOnly',
    }),
  ),
];

/**
 * Workplace SCIM 1.0 → 2.0 target names (scim-and-workplace.md §1). Core attributes keep their names. `null`: no 2.0
 * attribute is known (is_frontline).
 */
export const WORKPLACE_1_TO_2: ReadonlyMap<string, string | null> = new Map<string, string | null>([
  ...ENTERPRISE_PARTS.flatMap(([part]) => [
    [enterprise1Name(part), enterprise2Name(part)] as [string, string],
    // The colon spelling some exports use.
    [`${ENTERPRISE_1_URN}:${part}`, enterprise2Name(part)] as [string, string],
  ]),
  [WORKPLACE_1_AUTH_METHOD, WORKPLACE_2_AUTH_METHOD],
  [WORKPLACE_1_START_DATE, WORKPLACE_2_START_DATE],
  [WORKPLACE_1_TERM_DATE, WORKPLACE_2_TERM_DATE],
  [WORKPLACE_1_IS_FRONTLINE, null],
]);

// ---- custom extensions ----------------------------------------------------------------------------------------------

/** `urn:ietf:params:scim:schemas:extension:<name>:2.0:User:<attribute>` — custom extension attributes of non-gallery apps. */
export const CUSTOM_EXTENSION_PATTERN = /^urn:ietf:params:scim:schemas:extension:[^:\s]+:2\.0:(User|Group):[^:\s]+$/;

export function customExtensionInfo(name: string): AttributeInfo {
  return attributeInfo(
    name,
    'A custom SCIM extension attribute (`urn:ietf:params:scim:schemas:extension:<name>:2.0:User:<attribute>`). Non-gallery apps support single-valued, simple custom attributes; add it to the target object\'s attribute list first.',
    'Custom SCIM extension',
  );
}

// ---- lookups --------------------------------------------------------------------------------------------------------

export type TargetFlavor = 'scim2' | 'scim1' | 'workplace2' | 'workplace1';

function byName(...lists: (readonly AttributeInfo[])[]): ReadonlyMap<string, AttributeInfo> {
  const map = new Map<string, AttributeInfo>();
  for (const list of lists) for (const info of list) if (!map.has(info.name)) map.set(info.name, info);
  return map;
}

const USER_CATALOGS: Record<TargetFlavor, ReadonlyMap<string, AttributeInfo>> = {
  scim2: byName(SCIM_CORE_USER_ATTRIBUTES, ENTERPRISE_2_ATTRIBUTES),
  scim1: byName(SCIM_CORE_USER_ATTRIBUTES, ENTERPRISE_1_ATTRIBUTES),
  workplace2: byName(SCIM_CORE_USER_ATTRIBUTES, ENTERPRISE_2_ATTRIBUTES, WORKPLACE_2_ATTRIBUTES),
  workplace1: byName(SCIM_CORE_USER_ATTRIBUTES, ENTERPRISE_1_ATTRIBUTES, WORKPLACE_1_ATTRIBUTES),
};
const GROUP_CATALOG = byName(SCIM_CORE_GROUP_ATTRIBUTES);
const EVERYTHING = byName(
  SCIM_CORE_USER_ATTRIBUTES,
  SCIM_CORE_GROUP_ATTRIBUTES,
  ENTERPRISE_2_ATTRIBUTES,
  ENTERPRISE_1_ATTRIBUTES,
  WORKPLACE_2_ATTRIBUTES,
  WORKPLACE_1_ATTRIBUTES,
);

/** Whether a target object name denotes groups (`Group`, `urn:…:core:2.0:Group`). */
export function isGroupObject(objectName: string | undefined): boolean {
  return objectName !== undefined && /(^|:)Group$/i.test(objectName);
}

/** The catalogue for a target object of an app of the given flavor. */
export function targetCatalog(objectName: string | undefined, flavor: TargetFlavor): ReadonlyMap<string, AttributeInfo> {
  return isGroupObject(objectName) ? GROUP_CATALOG : USER_CATALOGS[flavor];
}

/** Any catalogue's entry for `name` (for hover when the flavor is unclear), custom extensions included. */
export function anyTargetAttribute(name: string): AttributeInfo | undefined {
  return EVERYTHING.get(name) ?? (CUSTOM_EXTENSION_PATTERN.test(name) ? customExtensionInfo(name) : undefined);
}

/** Targets that hold an email address: a missing source email fails users on apps that require one. */
export function isEmailTarget(name: string): boolean {
  return /^emails(\[[^\]]*\])?(\.value)?$/i.test(name) || /^(e-?mail|mail|workEmail)$/i.test(name);
}
