// The source side of every outbound (Entra → app) schema: the "Azure Active Directory" directory definition with its
// User and Group objects. Attribute shapes, required flags and object metadata follow the Graph objectDefinition
// example (example-schema.json "objectDefinition_EntraID_User"); the extra attributes are the ones the portal's
// source-attribute picker offers for users and groups.
import type { AttributeDefinition, DirectoryDefinition } from '../../../graph/model';
import { bool, meta, objectDefinition, ref, str, attr } from './attributes';

export const ENTRA_DIRECTORY_NAME = 'Azure Active Directory';
/** The id the docs' Salesforce schema example uses for the Entra directory; stable across templates. */
export const ENTRA_DIRECTORY_ID = '66e4a8cc-1b7b-435e-95f8-f06cea133828';

function extensionAttributes(): AttributeDefinition[] {
  return Array.from({ length: 15 }, (_, i) => str(`extensionAttribute${i + 1}`));
}

function userAttributes(): AttributeDefinition[] {
  return [
    str('objectId', { anchor: true }),
    bool('IsSoftDeleted', { required: true }),
    bool('accountEnabled', { required: true }),
    str('appRoleAssignments', { multivalued: true }),
    str('streetAddress'),
    str('city'),
    str('state'),
    str('postalCode'),
    str('country'),
    str('companyName'),
    str('department'),
    bool('dirSyncEnabled'),
    str('displayName', { required: true }),
    str('employeeId'),
    attr('employeeHireDate', { type: 'DateTime' }),
    attr('employeeLeaveDateTime', { type: 'DateTime' }),
    str('employeeOrgData.costCenter'),
    str('employeeOrgData.division'),
    str('employeeType'),
    ...extensionAttributes(),
    str('facsimileTelephoneNumber'),
    str('givenName'),
    str('jobTitle'),
    str('mail'),
    str('mailNickname'),
    ref('manager', ['User']),
    str('mobile'),
    str('onPremisesDistinguishedName'),
    str('onPremisesImmutableId'),
    str('onPremisesSamAccountName'),
    str('onPremisesSecurityIdentifier'),
    str('originalUserPrincipalName'),
    str('otherMails', { multivalued: true }),
    str('passwordProfile.password', { required: true }),
    str('physicalDeliveryOfficeName'),
    str('preferredLanguage', { required: true }),
    str('proxyAddresses', { multivalued: true }),
    str('surname', { required: true }),
    str('telephoneNumber'),
    str('usageLocation'),
    str('userPrincipalName', { required: true }),
    str('userType'),
  ];
}

function groupAttributes(): AttributeDefinition[] {
  return [
    str('objectId', { anchor: true }),
    bool('IsSoftDeleted', { required: true }),
    str('appRoleAssignments', { multivalued: true }),
    str('description'),
    str('displayName', { required: true }),
    str('mail'),
    bool('mailEnabled'),
    str('mailNickname'),
    // Groups may contain users and (not expanded by provisioning) nested groups.
    ref('members', ['User', 'Group'], { multivalued: true }),
    str('onPremisesSecurityIdentifier'),
    str('proxyAddresses', { multivalued: true }),
    bool('securityEnabled'),
  ];
}

/** A fresh "Azure Active Directory" directory definition (User + Group). */
export function entraSourceDirectory(): DirectoryDefinition {
  return {
    id: ENTRA_DIRECTORY_ID,
    name: ENTRA_DIRECTORY_NAME,
    discoverabilities: 'None',
    discoveryDateTime: null,
    objects: [
      objectDefinition(
        'User',
        userAttributes(),
        meta({
          IsSoftDeletionSupported: 'true',
          ConnectorDataStorageRequired: 'true',
          IsSynchronizeAllSupported: 'true',
          PropertyNameAccountEnabled: 'accountEnabled',
          PropertyNameSoftDeleted: 'IsSoftDeleted',
        }),
      ),
      objectDefinition(
        'Group',
        groupAttributes(),
        meta({
          IsSoftDeletionSupported: 'true',
          ConnectorDataStorageRequired: 'true',
          IsSynchronizeAllSupported: 'true',
          PropertyNameSoftDeleted: 'IsSoftDeleted',
        }),
      ),
    ],
    readOnly: false,
    version: null,
    metadata: [],
  };
}
