// The SCIM schemas the sandbox's SCIM target declares: core User and Group (scimmy's), the Enterprise User 2.0
// extension, the Workplace from Meta (facebook) 2.0 extensions and one custom extension of the kind non-gallery apps
// use. URNs and attributes: scim-and-workplace.md §1 and §3.
//
// scimmy keeps declarations in module-wide state (one SCIMMY per process). Declaring is done once; every SCIM server
// started in the process shares these declarations and reaches its own store through the handler context.
import { SCIMMY } from 'scimmy-routers';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const WORKPLACE_START_TERM_DATES_SCHEMA = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User';
export const WORKPLACE_ACCOUNT_STATUS_SCHEMA = 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User';
export const WORKPLACE_AUTH_METHOD_SCHEMA = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';
/**
 * Where the sandbox keeps the legacy connector's `urn:scim:schemas:extension:facebook:frontline:1.0` `is_frontline`.
 * No 2.0 URN for it is documented (scim-and-workplace.md §1): this one is the sandbox's own, for 1.0 requests (./legacy.ts).
 */
export const WORKPLACE_FRONTLINE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:facebook:frontline:2.0:User';
/** A custom extension like the ones admins add to non-gallery apps (`urn:…:extension:<name>:2.0:User:<attribute>`). */
export const CONTOSO_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:contoso:2.0:User';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type SchemaDefinition = InstanceType<typeof SCIMMY.Types.SchemaDefinition>;
type Attribute = InstanceType<typeof SCIMMY.Types.Attribute>;

const attr = (type: string, name: string, config: Record<string, unknown> = {}): Attribute =>
  new SCIMMY.Types.Attribute(type as never, name, config as never);

/** Workplace's extensions (SCIM 2.0 names: `authMethod` without the 1.0 underscore; dates in epoch seconds). */
function workplaceExtensions(): SchemaDefinition[] {
  const readOnly = { mutable: false };
  return [
    new SCIMMY.Types.SchemaDefinition('StartTermDates', WORKPLACE_START_TERM_DATES_SCHEMA, 'Workplace start and termination dates (UNIX epoch seconds; 0 = unset).', [
      attr('integer', 'startDate', { description: 'Start date, UNIX epoch seconds.' }),
      attr('integer', 'termDate', { description: 'Termination date, UNIX epoch seconds.' }),
    ]),
    new SCIMMY.Types.SchemaDefinition('AccountStatusDetails', WORKPLACE_ACCOUNT_STATUS_SCHEMA, 'Workplace account status (maintained by Workplace).', [
      attr('boolean', 'claimed', readOnly),
      attr('integer', 'claimDate', readOnly),
      attr('string', 'claimLink', readOnly),
      attr('boolean', 'invited', readOnly),
      attr('integer', 'inviteDate', readOnly),
      attr('string', 'accessCode', readOnly),
    ]),
    new SCIMMY.Types.SchemaDefinition('AuthMethod', WORKPLACE_AUTH_METHOD_SCHEMA, 'How the person signs in to Workplace.', [
      attr('string', 'authMethod', { canonicalValues: ['sso', 'password'] }),
    ]),
    new SCIMMY.Types.SchemaDefinition('Frontline', WORKPLACE_FRONTLINE_SCHEMA, 'Frontline flag of the legacy SCIM 1.0 connector (sandbox-only URN).', [
      attr('boolean', 'is_frontline'),
    ]),
  ];
}

function contosoExtension(): SchemaDefinition {
  return new SCIMMY.Types.SchemaDefinition('ContosoUser', CONTOSO_USER_SCHEMA, 'Contoso custom attributes (single-valued, simple, as non-gallery apps allow).', [
    attr('string', 'badgeNumber'),
    attr('string', 'officeLocation'),
    attr('boolean', 'contractor'),
  ]);
}

let declared = false;

/** Declares User (with its extensions) and Group to scimmy once per process. Handlers are set by the caller. */
export function declareScimResources(): { User: typeof SCIMMY.Resources.User; Group: typeof SCIMMY.Resources.Group } {
  const { User, Group } = SCIMMY.Resources;
  if (!declared) {
    declared = true;
    SCIMMY.Resources.declare(User).extend(SCIMMY.Schemas.EnterpriseUser, false);
    for (const extension of [...workplaceExtensions(), contosoExtension()]) User.extend(extension as never, false);
    SCIMMY.Resources.declare(Group);
  }
  return { User, Group };
}

/** The User extensions the server declares (for looking attribute definitions up by URN). */
export function userExtensionSchemas(): string[] {
  return [ENTERPRISE_USER_SCHEMA, WORKPLACE_START_TERM_DATES_SCHEMA, WORKPLACE_ACCOUNT_STATUS_SCHEMA, WORKPLACE_AUTH_METHOD_SCHEMA, WORKPLACE_FRONTLINE_SCHEMA, CONTOSO_USER_SCHEMA];
}

/** Characteristics of an attribute by path (`userName`, `name.givenName`, `urn:…:enterprise:2.0:User:manager.value`). */
export interface AttributeInfo {
  type: string;
  caseExact: boolean;
  multiValued: boolean;
}

/**
 * Looks an attribute up in the resource's schema: core attributes by name, extension attributes by their URN prefix.
 * A value filter inside the path (`emails[type eq "work"].value`) is ignored: the attribute is `emails.value`.
 */
export function attributeInfo(resource: 'User' | 'Group', path: string): AttributeInfo | undefined {
  const clean = path.replace(/\[[^\]]*\]/g, '');
  const { schema, rest } = splitUrn(clean, resource);
  const definition = schemaDefinition(schema);
  if (!definition || !rest) return undefined;
  try {
    const found = definition.attribute(rest);
    return { type: found.type, caseExact: found.config.caseExact === true, multiValued: found.config.multiValued === true };
  } catch {
    return undefined;
  }
}

/** Splits `urn:…:User:attr.sub` into the schema URN and `attr.sub`; a bare path belongs to the core schema. */
export function splitUrn(path: string, resource: 'User' | 'Group'): { schema: string; rest: string } {
  const core = resource === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
  if (!/^urn:/i.test(path)) return { schema: core, rest: path };
  const known = resource === 'User' ? [USER_SCHEMA, ...userExtensionSchemas()] : [GROUP_SCHEMA];
  const lower = path.toLowerCase();
  const schema = known.find((urn) => lower === urn.toLowerCase() || lower.startsWith(`${urn.toLowerCase()}:`));
  if (!schema) return { schema: '', rest: '' };
  return { schema, rest: path.slice(schema.length + 1) };
}

function schemaDefinition(urn: string): SchemaDefinition | undefined {
  switch (urn) {
    case USER_SCHEMA:
      return SCIMMY.Schemas.User.definition;
    case GROUP_SCHEMA:
      return SCIMMY.Schemas.Group.definition;
    case ENTERPRISE_USER_SCHEMA:
      return SCIMMY.Schemas.EnterpriseUser.definition;
    default: {
      declareScimResources();
      const found = SCIMMY.Schemas.declared(urn);
      return found instanceof SCIMMY.Types.SchemaDefinition ? found : undefined;
    }
  }
}
