// The source side of every outbound (Entra → app) schema: the "Azure Active Directory" directory definition with its
// User and Group objects. Attribute shapes, required flags and object metadata follow the Graph objectDefinition
// example (example-schema.json "objectDefinition_EntraID_User"); the attributes themselves come from the editor's
// catalogue (src/mapping/catalog/entraAttributes.ts), so the sandbox and the editor's lint agree on what exists.
import type { AttributeDefinition, DirectoryDefinition } from '../../../graph/model';
import { meta, objectDefinition, attr } from './attributes';
import { ENTRA_DIRECTORY_NAME, ENTRA_GROUP_ATTRIBUTES, ENTRA_USER_ATTRIBUTES } from '../../../mapping/catalog/entraAttributes';
import type { AttributeInfo } from '../../../mapping/catalog/attributeInfo';

export { ENTRA_DIRECTORY_NAME };
/** The id the docs' Salesforce schema example uses for the Entra directory; stable across templates. */
export const ENTRA_DIRECTORY_ID = '66e4a8cc-1b7b-435e-95f8-f06cea133828';

/** The catalogue entry as Graph's attributeDefinition (src/mapping/catalog/entraAttributes.ts is the source of truth). */
function definition(info: AttributeInfo): AttributeDefinition {
  return attr(info.name, {
    type: info.type,
    multivalued: info.multivalued,
    mutability: info.mutability,
    required: info.required,
    anchor: info.anchor,
    caseExact: info.caseExact,
    ...(info.references ? { references: [...info.references] } : {}),
  });
}

function userAttributes(): AttributeDefinition[] {
  return ENTRA_USER_ATTRIBUTES.map(definition);
}

function groupAttributes(): AttributeDefinition[] {
  return ENTRA_GROUP_ATTRIBUTES.map(definition);
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
