// The sandbox's provisioning templates (what GET .../synchronization/templates lists and what a new job's schema
// starts from), the filterOperators / functions catalogues, and the Entra source directory definition.
import type { SynchronizationTemplate } from '../../../graph/model';
import type { TemplateDefinition } from './definition';
import { customAppSsoTemplate, scimTemplate } from './scim';
import { workplaceLegacyTemplate, workplaceScim2Template } from './workplace';
import { slackTemplate, zoomTemplate } from './saas';

export type { TemplateDefinition } from './definition';
export { FILTER_OPERATORS } from './filterOperators';
export { MAPPING_FUNCTIONS, CLOUD_SYNC_ONLY_FUNCTIONS, mappingFunction } from './functions';
export { entraSourceDirectory, ENTRA_DIRECTORY_NAME, ENTRA_DIRECTORY_ID } from './entraDirectory';
export { attribute, constant, num, fn, quote, argumentText } from './mappingSource';
export { mapping } from './schemaParts';
export { SCIM2_USER_OBJECT, SCIM2_GROUP_OBJECT, SCIM_ENTERPRISE_1, SCIM_ENTERPRISE_2, enterprise1, enterprise2 } from './scimAttributes';
export { NON_GALLERY_APPLICATION_TEMPLATE_ID } from './scim';
export {
  WORKPLACE_BASE_ADDRESS,
  WORKPLACE1_AUTH_METHOD,
  WORKPLACE1_IS_FRONTLINE,
  WORKPLACE1_START_DATE,
  WORKPLACE2_AUTH_METHOD,
  WORKPLACE2_START_DATE,
  WORKPLACE2_TERM_DATE,
} from './workplace';

export const TEMPLATES: ReadonlyMap<string, TemplateDefinition> = new Map(
  [scimTemplate, customAppSsoTemplate, workplaceScim2Template, workplaceLegacyTemplate, slackTemplate, zoomTemplate].map(
    (t) => [t.id, t] as const,
  ),
);

/** The Graph synchronizationTemplate resource for `def` as offered by the application `applicationId`. */
export function synchronizationTemplate(def: TemplateDefinition, applicationId: string): SynchronizationTemplate {
  return {
    id: def.id,
    applicationId,
    // A superseded connector stays listed for its existing jobs but is neither the default nor offered for new setups.
    default: !def.legacy,
    description: def.description,
    discoverable: !def.legacy,
    factoryTag: def.factoryTag,
    metadata: def.metadata.map((entry) => ({ ...entry })),
  };
}
