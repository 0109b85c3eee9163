// Target-side attribute definitions for SCIM apps, in the flattened path form Entra uses for target attributes
// (`name.givenName`, `emails[type eq "work"].value`, URN-qualified extension attributes — mapping-expressions.md §1).
// Characteristics follow RFC 7643 (scim-and-workplace.md §3): userName required, id server-assigned and the anchor,
// active Boolean, manager/members References, roles/entitlements multi-valued.
import type { AttributeDefinition } from '../../../graph/model';
import { bool, ref, str } from './attributes';

export const SCIM_ENTERPRISE_2 = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_ENTERPRISE_1 = 'urn:scim:schemas:extension:enterprise:1.0';

/** Target object names Entra uses for SCIM 2.0 apps (on-demand results report the enterprise URN as the user type). */
export const SCIM2_USER_OBJECT = SCIM_ENTERPRISE_2;
export const SCIM2_GROUP_OBJECT = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** SCIM 2.0 extension attribute name: `<urn>:<attribute>`. */
export const enterprise2 = (attribute: string) => `${SCIM_ENTERPRISE_2}:${attribute}`;
/** Legacy SCIM 1.x extension attribute name, dotted the way 2018-era connectors spell it: `<urn>.<attribute>`. */
export const enterprise1 = (attribute: string) => `${SCIM_ENTERPRISE_1}.${attribute}`;

const ADDRESS_PARTS = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'] as const;

export interface CoreUserOptions {
  /** Extra address types beyond "work" whose parts are offered (Workplace lists `addresses[type eq "other"].formatted`). */
  otherAddressFormattedOnly?: boolean;
  /** Offer roles / entitlements (generic SCIM apps do; Workplace doesn't). */
  roles?: boolean;
}

/** Core User attributes shared by SCIM 1.1 and 2.0 targets (their flattened names are identical). */
export function scimCoreUserAttributes(options: CoreUserOptions = {}): AttributeDefinition[] {
  const attributes: AttributeDefinition[] = [
    // The SCIM resource id: assigned by the service provider, the anchor Entra stores after create/match.
    str('id', { anchor: true, mutability: 'ReadOnly', caseExact: true }),
    str('userName', { required: true }),
    bool('active'),
    str('displayName'),
    str('title'),
    str('nickName'),
    str('userType'),
    str('preferredLanguage'),
    str('locale'),
    str('timezone'),
    str('externalId', { caseExact: true }),
    str('name.givenName'),
    str('name.familyName'),
    str('name.formatted'),
    str('name.middleName'),
    str('name.honorificPrefix'),
    str('name.honorificSuffix'),
    str('emails[type eq "work"].value'),
    str('emails[type eq "home"].value'),
    str('emails[type eq "other"].value'),
    ...ADDRESS_PARTS.map((part) => str(`addresses[type eq "work"].${part}`)),
    ...(options.otherAddressFormattedOnly
      ? [str('addresses[type eq "other"].formatted')]
      : ADDRESS_PARTS.map((part) => str(`addresses[type eq "other"].${part}`))),
    str('phoneNumbers[type eq "work"].value'),
    str('phoneNumbers[type eq "mobile"].value'),
    str('phoneNumbers[type eq "fax"].value'),
  ];
  if (options.roles ?? true) {
    attributes.push(
      str('roles', { multivalued: true }),
      str('roles[primary eq "True"].display'),
      str('roles[primary eq "True"].type'),
      str('roles[primary eq "True"].value'),
      str('entitlements', { multivalued: true }),
    );
  }
  return attributes;
}

/**
 * Enterprise User extension attributes (employeeNumber … manager) under the given name function; `userObject` is the
 * target object the manager reference points to.
 */
export function enterpriseUserAttributes(name: (attribute: string) => string, userObject: string): AttributeDefinition[] {
  return [
    str(name('employeeNumber')),
    str(name('costCenter')),
    str(name('organization')),
    str(name('division')),
    str(name('department')),
    ref(name('manager'), [userObject]),
  ];
}

/** Core Group attributes: displayName is required; members references users (and groups — never expanded). */
export function scimGroupAttributes(userObject: string, groupObject: string): AttributeDefinition[] {
  return [
    str('id', { anchor: true, mutability: 'ReadOnly', caseExact: true }),
    str('displayName', { required: true }),
    str('externalId', { caseExact: true }),
    ref('members', [userObject, groupObject], { multivalued: true }),
  ];
}
