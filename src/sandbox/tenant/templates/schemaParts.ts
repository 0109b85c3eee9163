// Builders for the rule / object-mapping / attribute-mapping levels of a synchronizationSchema, emitting every field
// Graph returns (graph-synchronization.md §4.2) so the templates only state what differs between apps.
import type {
  AttributeFlowBehavior,
  AttributeFlowType,
  AttributeMapping,
  AttributeMappingSource,
  DirectoryDefinition,
  ObjectDefinition,
  ObjectMapping,
  SynchronizationRule,
} from '../../../graph/model';
import { ENTRA_DIRECTORY_NAME } from './entraDirectory';
import { meta } from './attributes';

export interface MappingOptions {
  /** 0 = not used for matching; 1 = tried first. */
  matchingPriority?: number;
  defaultValue?: string | null;
  flowType?: AttributeFlowType;
  flowBehavior?: AttributeFlowBehavior;
}

export function mapping(targetAttributeName: string, source: AttributeMappingSource | null, options: MappingOptions = {}): AttributeMapping {
  return {
    defaultValue: options.defaultValue ?? null,
    exportMissingReferences: false,
    flowBehavior: options.flowBehavior ?? 'FlowWhenChanged',
    flowType: options.flowType ?? 'Always',
    matchingPriority: options.matchingPriority ?? 0,
    source,
    targetAttributeName,
  };
}

export interface ObjectMappingOptions {
  enabled?: boolean;
  flowTypes?: string;
  /** The target attribute the template matches on first (object-mapping metadata OriginalJoiningProperty). */
  joiningProperty: string;
}

export function objectMapping(
  name: string,
  sourceObjectName: string,
  targetObjectName: string,
  attributeMappings: AttributeMapping[],
  options: ObjectMappingOptions,
): ObjectMapping {
  return {
    attributeMappings,
    enabled: options.enabled ?? true,
    flowTypes: options.flowTypes ?? 'Add, Update, Delete',
    // Same keys and JSON-quoted values as the AWS template example.
    metadata: meta({
      IsCustomerDefined: 'false',
      DisableMonitoringForChanges: 'false',
      Disposition: '"Normal"',
      ExcludeFromReporting: 'false',
      EscrowBehavior: '"Default"',
      Unsynchronized: 'false',
      OriginalJoiningProperty: options.joiningProperty,
    }),
    name,
    scope: null,
    sourceObjectName,
    targetObjectName,
  };
}

/** The outbound user(+group) rule every provisioning template carries; its id is what provisionOnDemand's ruleId names. */
export function outboundRule(id: string, targetDirectoryName: string, objectMappings: ObjectMapping[]): SynchronizationRule {
  return {
    editable: true,
    id,
    name: 'USER_OUTBOUND_USER',
    objectMappings,
    priority: 1,
    sourceDirectoryName: ENTRA_DIRECTORY_NAME,
    targetDirectoryName,
    metadata: [{ key: 'supportsProvisionOnDemand', value: 'true' }],
  };
}

export function targetDirectory(id: string, name: string, objects: ObjectDefinition[]): DirectoryDefinition {
  return {
    id,
    name,
    discoverabilities: 'AttributeNames, AttributeDataTypes',
    discoveryDateTime: null,
    objects,
    readOnly: false,
    version: null,
    metadata: [],
  };
}
