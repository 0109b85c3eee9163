// Non-gallery ("custom") SCIM 2.0 apps: template `scim` (jobs created since the 2018 SCIM fixes) and the legacy
// `customappsso` (older jobs). Both provision users and groups with Entra's documented default mappings; the target
// directory is called "customappsso" and its objects carry the SCIM URNs on-demand results report.
import { attribute } from './mappingSource';
import { configurationFields, defineTemplate, type TemplateDefinition } from './definition';
import { coreGroupMappings, coreUserMappings } from './coreMappings';
import { mapping, objectMapping, outboundRule, targetDirectory } from './schemaParts';
import { objectDefinition } from './attributes';
import {
  SCIM2_GROUP_OBJECT,
  SCIM2_USER_OBJECT,
  enterprise2,
  enterpriseUserAttributes,
  scimCoreUserAttributes,
  scimGroupAttributes,
} from './scimAttributes';

/** Application template id of "non-gallery application" in the Entra app gallery. */
export const NON_GALLERY_APPLICATION_TEMPLATE_ID = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

const TARGET_DIRECTORY = 'customappsso';

function customScimSchema(targetDirectoryId: string, ruleId: string) {
  const users = objectMapping(
    'Provision Azure Active Directory Users',
    'User',
    SCIM2_USER_OBJECT,
    [
      ...coreUserMappings(),
      mapping(enterprise2('employeeNumber'), attribute('employeeId')),
      mapping(enterprise2('department'), attribute('department')),
      mapping(enterprise2('manager'), attribute('manager')),
    ],
    { joiningProperty: 'userName' },
  );
  const groups = objectMapping('Provision Azure Active Directory Groups', 'Group', SCIM2_GROUP_OBJECT, coreGroupMappings(), {
    joiningProperty: 'displayName',
  });
  return {
    version: '1.0',
    directories: [
      targetDirectory(targetDirectoryId, TARGET_DIRECTORY, [
        objectDefinition(SCIM2_USER_OBJECT, [
          ...scimCoreUserAttributes(),
          ...enterpriseUserAttributes(enterprise2, SCIM2_USER_OBJECT),
        ]),
        objectDefinition(SCIM2_GROUP_OBJECT, scimGroupAttributes(SCIM2_USER_OBJECT, SCIM2_GROUP_OBJECT)),
      ]),
    ],
    synchronizationRules: [outboundRule(ruleId, TARGET_DIRECTORY, [users, groups])],
  };
}

const NON_GALLERY_METADATA = {
  AzureIngestionAttributeOptimization: 'False',
  galleryApplicationIdentifier: NON_GALLERY_APPLICATION_TEMPLATE_ID,
  configurationFields: configurationFields(['baseaddress', 'secrettoken']),
};

export const scimTemplate: TemplateDefinition = defineTemplate({
  id: 'scim',
  factoryTag: 'CustomSCIM',
  description: 'Provision users and groups to any app that implements a SCIM 2.0 endpoint.',
  metadata: NON_GALLERY_METADATA,
  targetDirectoryName: TARGET_DIRECTORY,
  userRuleId: '6a2ff9d3-5e0c-4b7a-9d51-0f8c2a1e4b61',
  build: () => customScimSchema('a6b1f9e2-3c4d-4e5f-8a9b-0c1d2e3f4a5b', '6a2ff9d3-5e0c-4b7a-9d51-0f8c2a1e4b61'),
});

export const customAppSsoTemplate: TemplateDefinition = defineTemplate({
  id: 'customappsso',
  factoryTag: 'customappsso',
  description: 'Provision users and groups to a SCIM endpoint (connector of non-gallery apps configured before 2019).',
  metadata: NON_GALLERY_METADATA,
  targetDirectoryName: TARGET_DIRECTORY,
  userRuleId: '3c1a7e55-9b2d-4f0e-a8c6-71d4e2b5f903',
  build: () => customScimSchema('b7c2a0f3-4d5e-4f60-9bac-1d2e3f4a5b6c', '3c1a7e55-9b2d-4f0e-a8c6-71d4e2b5f903'),
});
