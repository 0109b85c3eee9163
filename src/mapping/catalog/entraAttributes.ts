// Source attributes of the Entra ID ("Azure Active Directory") directory in outbound provisioning schemas: the User and
// Group attributes the portal's source-attribute picker offers, with the shapes of Graph's objectDefinition example
// (example-schema.json "objectDefinition_EntraID_User"). This is the source of truth for the sandbox's Entra directory
// definition (src/sandbox/tenant/templates/entraDirectory.ts builds it from these lists, in this order) and for the
// editor's completion, hover and "unknown source attribute" lint. Directory extensions
// (`extension_<appId without dashes>_<name>`) are recognised by pattern: every tenant has its own.
import { attributeInfo, type AttributeInfo, type AttributeSpec } from './attributeInfo';

const ORIGIN_USER = 'Entra ID user attribute';
const ORIGIN_GROUP = 'Entra ID group attribute';

function user(name: string, description: string, spec: AttributeSpec = {}): AttributeInfo {
  return attributeInfo(name, description, ORIGIN_USER, spec);
}
function group(name: string, description: string, spec: AttributeSpec = {}): AttributeInfo {
  return attributeInfo(name, description, ORIGIN_GROUP, spec);
}

// Scoping filters can't use these (mapping-expressions.md §8.3): appRoleAssignments, userType, manager, date-type and
// multi-valued attributes.
const NOT_SCOPABLE = { filterable: false } as const;

/** Entra user attributes, in the order the sandbox's directory definition lists them. */
export const ENTRA_USER_ATTRIBUTES: readonly AttributeInfo[] = [
  user('objectId', 'The immutable object id (GUID) of the user in Entra ID; the anchor of the source object.', { anchor: true }),
  user(
    'IsSoftDeleted',
    '"True" while the user is soft-deleted, unassigned, out of scope or disabled — the default `active` mapping is `Switch([IsSoftDeleted], , "False", "True", "True", "False")`.',
    { type: 'Boolean', required: true },
  ),
  user('accountEnabled', 'Whether the account can sign in ("True"/"False").', { type: 'Boolean', required: true }),
  user(
    'appRoleAssignments',
    'The app roles assigned to the user for this application. Use with `SingleAppRoleAssignment`, `AppRoleAssignmentsComplex` or `AssertiveAppRoleAssignmentsComplex`; not usable in scoping filters.',
    { multivalued: true, filterable: false },
  ),
  user('streetAddress', 'Street address of the user\'s place of business.'),
  user('city', 'City of the user\'s place of business.'),
  user('state', 'State or province of the user\'s address.'),
  user('postalCode', 'Postal code of the user\'s address.'),
  user('country', 'Country or region of the user (free text, e.g. "United States").'),
  user('companyName', 'Company name associated with the user.'),
  user('department', 'Department the user works in.'),
  user('dirSyncEnabled', '"True" when the user is synchronized from on-premises Active Directory.', { type: 'Boolean' }),
  user('displayName', 'Name shown in the address book, usually "Given Surname".', { required: true }),
  user('employeeId', 'Employee identifier assigned by the organization (HR id).'),
  user('employeeHireDate', 'Hire date (DateTime). Not usable in scoping filters; convert with `FormatDateTime` for string targets.', {
    type: 'DateTime',
    ...NOT_SCOPABLE,
  }),
  user('employeeLeaveDateTime', 'Date and time the user left or will leave the organization (DateTime).', { type: 'DateTime', ...NOT_SCOPABLE }),
  user('employeeOrgData.costCenter', 'Cost center associated with the user (employeeOrgData).'),
  user('employeeOrgData.division', 'Division the user belongs to (employeeOrgData).'),
  user('employeeType', 'Type of employment, e.g. "Employee", "Contractor", "Consultant", "Vendor".'),
  ...Array.from({ length: 15 }, (_, i) =>
    user(`extensionAttribute${i + 1}`, `On-premises extension attribute ${i + 1} (onPremisesExtensionAttributes); free-form text.`),
  ),
  user('facsimileTelephoneNumber', 'Fax number.'),
  user('givenName', 'First name.'),
  user('jobTitle', 'Job title.'),
  user(
    'mail',
    'Primary SMTP address. **Can be empty** (users without a mailbox): targets that require an email should use `Coalesce([mail],[userPrincipalName])`.',
  ),
  user('mailNickname', 'Mail alias (the part before @ by default).'),
  user('manager', 'Reference to the user\'s manager (a User); flows as the manager\'s id in the target. Not usable in scoping filters.', {
    type: 'Reference',
    references: ['User'],
  }),
  user('mobile', 'Mobile phone number.'),
  user('onPremisesDistinguishedName', 'Distinguished name in on-premises Active Directory (synced users).'),
  user('onPremisesImmutableId', 'Immutable id linking the user to its on-premises account (base64 objectGUID).'),
  user('onPremisesSamAccountName', 'On-premises sAMAccountName (synced users).'),
  user('onPremisesSecurityIdentifier', 'On-premises security identifier (SID) of synced users.'),
  user('originalUserPrincipalName', 'The user principal name before the last UPN change.'),
  user('otherMails', 'Additional email addresses.', { multivalued: true }),
  user('passwordProfile.password', 'Initial password (write-only use: targets that accept a password).', { required: true }),
  user('physicalDeliveryOfficeName', 'Office location.'),
  user('preferredLanguage', 'Preferred language, ISO 639-1 code with region, e.g. "en-US".', { required: true }),
  user('proxyAddresses', 'Email proxy addresses such as "SMTP:a@contoso.com" (upper-case SMTP marks the primary).', { multivalued: true }),
  user('surname', 'Last name.', { required: true }),
  user('telephoneNumber', 'Business phone number.'),
  user('usageLocation', 'Two-letter country code (ISO 3166) where the user uses licensed services.'),
  user('userPrincipalName', 'Sign-in name, `alias@domain`; always present. The default matching source for SCIM `userName`.', { required: true }),
  user('userType', '"Member" or "Guest". Not usable in scoping filters.', NOT_SCOPABLE),
];

/** Entra group attributes, in the order the sandbox's directory definition lists them. */
export const ENTRA_GROUP_ATTRIBUTES: readonly AttributeInfo[] = [
  group('objectId', 'The immutable object id (GUID) of the group; the anchor of the source object.', { anchor: true }),
  group('IsSoftDeleted', '"True" while the group is deleted or out of scope.', { type: 'Boolean', required: true }),
  group('appRoleAssignments', 'The app roles assigned to the group for this application.', { multivalued: true, filterable: false }),
  group('description', 'Description of the group.'),
  group('displayName', 'Name of the group; the default matching source for SCIM group `displayName`.', { required: true }),
  group('mail', 'SMTP address of a mail-enabled group.'),
  group('mailEnabled', 'Whether the group is mail-enabled.', { type: 'Boolean' }),
  group('mailNickname', 'Mail alias of the group.'),
  group('members', 'Users (and nested groups, which provisioning doesn\'t expand) in the group; flows as references. Not usable in scoping filters.', {
    type: 'Reference',
    multivalued: true,
    references: ['User', 'Group'],
  }),
  group('onPremisesSecurityIdentifier', 'On-premises SID of synced groups.'),
  group('proxyAddresses', 'Email proxy addresses of the group.', { multivalued: true }),
  group('securityEnabled', 'Whether the group is a security group.', { type: 'Boolean' }),
];

/** `extension_<app id without dashes>_<name>`: a directory extension attribute (case-sensitive). */
export const DIRECTORY_EXTENSION_PATTERN = /^extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+$/;

export function isDirectoryExtension(name: string): boolean {
  return DIRECTORY_EXTENSION_PATTERN.test(name);
}

/** A catalogue entry for a directory extension attribute the catalogue can't list. */
export function directoryExtensionInfo(name: string): AttributeInfo {
  return attributeInfo(
    name,
    'A directory extension attribute (`extension_<app id>_<name>`), registered by an application in this tenant. It must be added to the source object\'s attribute list (directory extensions, "Edit attribute list") before a mapping can use it.',
    'Entra ID directory extension',
  );
}

/** The name of the Entra source directory in outbound schemas. */
export const ENTRA_DIRECTORY_NAME = 'Azure Active Directory';

const USER_BY_NAME = new Map(ENTRA_USER_ATTRIBUTES.map((a) => [a.name, a]));
const GROUP_BY_NAME = new Map(ENTRA_GROUP_ATTRIBUTES.map((a) => [a.name, a]));

/** The Entra catalogue for a source object name (`User`, `Group`), if it is one Entra has. */
export function entraAttributesFor(objectName: string | undefined): ReadonlyMap<string, AttributeInfo> | undefined {
  if (objectName === 'User') return USER_BY_NAME;
  if (objectName === 'Group') return GROUP_BY_NAME;
  return undefined;
}
