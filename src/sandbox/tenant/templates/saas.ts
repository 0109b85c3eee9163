// Two common gallery SCIM apps so the sandbox has more than one vendor: Slack (SCIM 1.1, users and groups, OAuth
// "Authorize" credentials; template id `Slack` with factoryTag `CustomSCIM` per the docs) and Zoom (SCIM 2.0, users only,
// Tenant URL + secret token).
import { attribute, fn, softDeletedToActive } from './mappingSource';
import { configurationFields, defineTemplate, type TemplateDefinition } from './definition';
import { coreGroupMappings, coreUserMappings } from './coreMappings';
import { mapping, objectMapping, outboundRule, targetDirectory } from './schemaParts';
import { objectDefinition } from './attributes';
import { enterprise1, enterprise2, enterpriseUserAttributes, scimCoreUserAttributes, scimGroupAttributes } from './scimAttributes';

const SLACK_DIRECTORY = 'Slack';
const SLACK_RULE_ID = '2d6e9f31-8b4a-4c7e-9f02-5a1b3c7d9e24';

export const slackTemplate: TemplateDefinition = defineTemplate({
  id: 'Slack',
  factoryTag: 'CustomSCIM',
  description: 'Slack — provision users and user groups.',
  metadata: {
    AzureIngestionAttributeOptimization: 'False',
    galleryApplicationIdentifier: '6f5e1c2a-9d3b-4e8f-a1c7-0b2d4e6f8a13',
    galleryApplicationKey: 'slack',
    IsOAuthEnabled: 'true',
    isSynchronizationInPreview: 'false',
    configurationFields: configurationFields([]),
  },
  targetDirectoryName: SLACK_DIRECTORY,
  userRuleId: SLACK_RULE_ID,
  build: () => ({
    version: '1.1',
    directories: [
      targetDirectory('e0f5d3c6-7081-4293-aedf-4a5b6c7d8e9f', SLACK_DIRECTORY, [
        objectDefinition('User', [...scimCoreUserAttributes({ roles: false }), ...enterpriseUserAttributes(enterprise1, 'User')]),
        objectDefinition('Group', scimGroupAttributes('User', 'Group')),
      ]),
    ],
    synchronizationRules: [
      outboundRule(SLACK_RULE_ID, SLACK_DIRECTORY, [
        objectMapping(
          'Provision Azure Active Directory Users',
          'User',
          'User',
          [
            ...coreUserMappings(),
            // Slack display names have no spaces by convention.
            mapping('nickName', fn('StripSpaces', attribute('displayName'))),
            mapping(enterprise1('department'), attribute('department')),
            mapping(enterprise1('manager'), attribute('manager')),
            mapping(enterprise1('employeeNumber'), attribute('employeeId')),
            mapping(enterprise1('organization'), attribute('companyName')),
          ],
          { joiningProperty: 'userName' },
        ),
        objectMapping('Provision Azure Active Directory Groups', 'Group', 'Group', coreGroupMappings(), {
          joiningProperty: 'displayName',
        }),
      ]),
    ],
  }),
});

const ZOOM_DIRECTORY = 'Zoom';
const ZOOM_RULE_ID = '7c4a1e58-3f9d-4b26-8e7a-6d2c0b5f1a39';

export const zoomTemplate: TemplateDefinition = defineTemplate({
  id: 'Zoom',
  factoryTag: 'CustomSCIM',
  description: 'Zoom — provision users.',
  metadata: {
    AzureIngestionAttributeOptimization: 'False',
    galleryApplicationIdentifier: '1b9c7d3e-5f2a-4c6b-8d0e-9a7f3b1c5e47',
    galleryApplicationKey: 'zoom',
    isSynchronizationInPreview: 'false',
    configurationFields: configurationFields(['baseaddress', 'secrettoken']),
  },
  targetDirectoryName: ZOOM_DIRECTORY,
  userRuleId: ZOOM_RULE_ID,
  build: () => ({
    version: '2.0',
    directories: [
      targetDirectory('f1a6e4d7-8192-43a4-bfe0-5b6c7d8e9fa0', ZOOM_DIRECTORY, [
        objectDefinition('User', [...scimCoreUserAttributes({ roles: true }), ...enterpriseUserAttributes(enterprise2, 'User')]),
      ]),
    ],
    synchronizationRules: [
      outboundRule(ZOOM_RULE_ID, ZOOM_DIRECTORY, [
        objectMapping(
          'Provision Azure Active Directory Users',
          'User',
          'User',
          [
            mapping('userName', attribute('userPrincipalName'), { matchingPriority: 1 }),
            mapping('active', softDeletedToActive()),
            mapping('displayName', attribute('displayName')),
            mapping('name.givenName', attribute('givenName')),
            mapping('name.familyName', attribute('surname')),
            mapping('emails[type eq "work"].value', attribute('mail')),
            mapping('title', attribute('jobTitle')),
            mapping('phoneNumbers[type eq "work"].value', attribute('telephoneNumber')),
            mapping('phoneNumbers[type eq "mobile"].value', attribute('mobile')),
            mapping(enterprise2('department'), attribute('department')),
            // Zoom's license type: everyone provisioned as "Licensed" unless an app role says otherwise.
            mapping('roles[primary eq "True"].value', fn('SingleAppRoleAssignment', attribute('appRoleAssignments')), {
              defaultValue: 'Licensed',
            }),
          ],
          { joiningProperty: 'userName' },
        ),
      ]),
    ],
  }),
});
