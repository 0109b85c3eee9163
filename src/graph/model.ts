// Shapes of the Microsoft Graph resources this product reads and writes (synchronization API, directory objects,
// provisioning logs). Field names and enum strings are exactly those of the Graph reference
// (../shared/reference/graph-synchronization.md §4, §5). Shared by the Graph client, the sandbox and the mapping core.

export interface KeyValuePair {
  name: string;
  value: string | null;
}

export interface StringKeyStringValuePair {
  key: string;
  value: string | null;
}

export interface StringKeyLongValuePair {
  key: string;
  value: number;
}

export interface MetadataEntry {
  key: string;
  value: string | null;
}

// ---- synchronizationJob -------------------------------------------------------------------------------------------

export type SynchronizationScheduleState = 'Active' | 'Disabled' | 'Paused';
export type SynchronizationStatusCode = 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine';
export type SynchronizationTaskExecutionResult = 'Succeeded' | 'Failed' | 'EntryLevelErrors';
export type QuarantineReason =
  | 'EncounteredBaseEscrowThreshold'
  | 'EncounteredTotalEscrowThreshold'
  | 'EncounteredEscrowProportionThreshold'
  | 'EncounteredQuarantineException'
  | 'Unknown'
  | 'QuarantinedOnDemand'
  | 'TooManyDeletes'
  | 'IngestionInterrupted';

/** Flags of synchronizationJobRestartScope; a restart body carries a comma-separated combination. */
export const RESTART_SCOPE_FLAGS = {
  None: 0,
  ConnectorDataStore: 1,
  Escrows: 2,
  Watermark: 4,
  QuarantineState: 8,
  Full: 15,
  ForceDeletes: 32,
} as const;
export type SynchronizationJobRestartScope = keyof typeof RESTART_SCOPE_FLAGS;

export interface SynchronizationSchedule {
  expiration: string | null;
  /** ISO 8601 duration, e.g. PT40M. */
  interval: string;
  state: SynchronizationScheduleState;
}

export interface SynchronizationError {
  code: string;
  message: string;
  tenantActionable: boolean;
}

export interface SynchronizationTaskExecution {
  activityIdentifier: string | null;
  countEntitled: number;
  countEntitledForProvisioning: number;
  countEscrowed: number;
  countEscrowedRaw: number;
  countExported: number;
  countExports: number;
  countImported: number;
  countImportedDeltas: number;
  countImportedReferenceDeltas: number;
  error: SynchronizationError | null;
  state: SynchronizationTaskExecutionResult;
  timeBegan: string;
  timeEnded: string;
}

export interface SynchronizationProgress {
  completedUnits: number;
  progressObservationDateTime: string;
  totalUnits: number;
  units: string;
}

export interface SynchronizationQuarantine {
  currentBegan: string;
  nextAttempt: string;
  reason: QuarantineReason;
  seriesBegan: string;
  seriesCount: number;
  error: SynchronizationError | null;
}

export interface SynchronizationStatus {
  code: SynchronizationStatusCode;
  countSuccessiveCompleteFailures: number;
  escrowsPruned: boolean;
  lastExecution: SynchronizationTaskExecution | null;
  lastSuccessfulExecution: SynchronizationTaskExecution | null;
  lastSuccessfulExecutionWithExports: SynchronizationTaskExecution | null;
  progress: SynchronizationProgress[];
  quarantine: SynchronizationQuarantine | null;
  steadyStateFirstAchievedTime: string;
  steadyStateLastAchievedTime: string;
  synchronizedEntryCountByType: StringKeyLongValuePair[];
  troubleshootingUrl: string | null;
}

export interface SynchronizationJob {
  id: string;
  templateId: string;
  schedule: SynchronizationSchedule;
  status: SynchronizationStatus;
  /** Note: keyValuePair items use `name`, not `key`. */
  synchronizationJobSettings: KeyValuePair[];
}

export interface SynchronizationTemplate {
  id: string;
  applicationId: string;
  default: boolean;
  description: string | null;
  discoverable: boolean;
  factoryTag: string;
  metadata: MetadataEntry[];
}

// ---- synchronizationSchema ----------------------------------------------------------------------------------------

export type AttributeType = 'String' | 'Integer' | 'Reference' | 'Binary' | 'Boolean' | 'DateTime';
export type Mutability = 'ReadWrite' | 'ReadOnly' | 'Immutable' | 'WriteOnly';
export type AttributeFlowType = 'Always' | 'ObjectAddOnly' | 'MultiValueAddOnly' | 'ValueAddOnly' | 'AttributeAddOnly';
export type AttributeFlowBehavior = 'FlowWhenChanged' | 'FlowAlways';
export type AttributeMappingSourceType = 'Attribute' | 'Constant' | 'Function';

export interface ReferencedObject {
  referencedObjectName: string;
  referencedProperty: string | null;
}

export interface AttributeDefinition {
  anchor: boolean;
  apiExpressions?: StringKeyStringValuePair[];
  caseExact: boolean;
  defaultValue: string | null;
  flowNullValues?: boolean;
  metadata: MetadataEntry[];
  multivalued: boolean;
  mutability: Mutability;
  name: string;
  referencedObjects: ReferencedObject[];
  required: boolean;
  type: AttributeType;
}

export interface ObjectDefinition {
  name: string;
  attributes: AttributeDefinition[];
  metadata: MetadataEntry[];
  supportedApis: string[];
}

export interface DirectoryDefinition {
  id: string;
  name: string;
  discoverabilities?: string;
  discoveryDateTime?: string | null;
  objects: ObjectDefinition[];
  readOnly?: boolean;
  version?: string | null;
  metadata?: MetadataEntry[];
}

export interface FilterOperand {
  values: string[];
}

export interface FilterClause {
  operatorName: string;
  sourceOperandName: string;
  targetOperand: FilterOperand | null;
}

export interface FilterGroup {
  name: string;
  clauses: FilterClause[];
}

export interface Filter {
  categoryFilterGroups: FilterGroup[];
  groups: FilterGroup[];
  inputFilterGroups: FilterGroup[];
}

export interface AttributeMappingParameter {
  key: string;
  value: AttributeMappingSource;
}

export interface AttributeMappingSource {
  expression: string | null;
  name: string | null;
  parameters: AttributeMappingParameter[];
  type: AttributeMappingSourceType;
}

export interface AttributeMapping {
  defaultValue: string | null;
  exportMissingReferences: boolean;
  flowBehavior: AttributeFlowBehavior;
  flowType: AttributeFlowType;
  matchingPriority: number;
  source: AttributeMappingSource | null;
  targetAttributeName: string;
}

export interface ObjectMapping {
  attributeMappings: AttributeMapping[];
  enabled: boolean;
  /** Flags string such as "Add, Update, Delete". */
  flowTypes: string;
  metadata: MetadataEntry[];
  name: string;
  scope: Filter | null;
  sourceObjectName: string;
  targetObjectName: string;
}

export interface SynchronizationRule {
  id: string;
  name: string;
  editable: boolean;
  priority: number;
  sourceDirectoryName: string;
  targetDirectoryName: string;
  containerFilter?: { includedContainers: string[] };
  groupFilter?: { includedGroups: string[] };
  metadata: StringKeyStringValuePair[];
  objectMappings: ObjectMapping[];
}

export interface SynchronizationSchema {
  id?: string;
  version?: string;
  directories: DirectoryDefinition[];
  synchronizationRules: SynchronizationRule[];
}

// ---- helper endpoints ---------------------------------------------------------------------------------------------

export interface FilterOperatorSchema {
  name: string;
  arity: 'Binary' | 'Unary';
  multivaluedComparisonType: 'All' | 'Any';
  supportedAttributeTypes: AttributeType[];
}

export interface AttributeMappingParameterSchema {
  allowMultipleOccurrences: boolean;
  name: string;
  required: boolean;
  type: 'Boolean' | 'Binary' | 'Reference' | 'Integer' | 'String';
}

export interface AttributeMappingFunctionSchema {
  name: string;
  parameters: AttributeMappingParameterSchema[];
}

// ---- directory objects --------------------------------------------------------------------------------------------

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appDisplayName?: string | null;
  servicePrincipalType?: string;
  accountEnabled?: boolean;
  tags: string[];
  applicationTemplateId?: string | null;
  appOwnerOrganizationId?: string | null;
  homepage?: string | null;
  preferredSingleSignOnMode?: string | null;
}

export interface User {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailNickname?: string | null;
  accountEnabled: boolean;
  jobTitle: string | null;
  department: string | null;
  companyName?: string | null;
  employeeId?: string | null;
  officeLocation?: string | null;
  city?: string | null;
  state?: string | null;
  country?: string | null;
  streetAddress?: string | null;
  postalCode?: string | null;
  mobilePhone?: string | null;
  businessPhones?: string[];
  preferredLanguage?: string | null;
  usageLocation?: string | null;
  userType?: string | null;
  faxNumber?: string | null;
  employeeType?: string | null;
  employeeHireDate?: string | null;
  createdDateTime?: string | null;
  /** On-premises-synced extensionAttribute1…15 (provisioning reads them as `[extensionAttributeN]`). */
  onPremisesExtensionAttributes?: Record<string, string | null> | null;
  /** The manager as `$expand=manager` returns it (provisioning's `[manager]` reference). */
  manager?: { id: string; displayName: string } | null;
  [extension: string]: unknown;
}

export interface Group {
  id: string;
  displayName: string;
  description: string | null;
  mail: string | null;
  mailEnabled: boolean;
  mailNickname: string;
  securityEnabled: boolean;
  groupTypes: string[];
}

// ---- provisioning logs --------------------------------------------------------------------------------------------

export type ProvisioningAction = 'other' | 'create' | 'delete' | 'disable' | 'update' | 'stagedDelete' | 'unknownFutureValue';
export type ProvisioningResult = 'success' | 'failure' | 'skipped' | 'warning' | 'unknownFutureValue';
export type ProvisioningStepType =
  | 'import'
  | 'scoping'
  | 'matching'
  | 'processing'
  | 'referenceResolution'
  | 'export'
  | 'unknownFutureValue';

export interface ProvisionedIdentity {
  id: string;
  displayName: string | null;
  identityType: string;
  details: Record<string, string> | null;
}

export interface ProvisioningSystem {
  id: string;
  displayName: string;
  details: Record<string, string> | null;
}

export interface ProvisioningStep {
  name: string;
  provisioningStepType: ProvisioningStepType;
  status: ProvisioningResult;
  description: string;
  details: Record<string, string>;
}

export interface ProvisioningErrorInfo {
  errorCode: string | null;
  reason: string | null;
  additionalDetails: string | null;
  errorCategory: 'failure' | 'nonServiceFailure' | 'success' | 'unknownFutureValue' | null;
  recommendedAction: string | null;
}

export interface ProvisioningObjectSummary {
  id: string;
  activityDateTime: string;
  tenantId: string;
  jobId: string;
  cycleId: string;
  changeId: string;
  provisioningAction: ProvisioningAction;
  durationInMilliseconds: number;
  initiatedBy: { id: string; displayName: string; initiatorType: string };
  servicePrincipal: { id: string; displayName: string };
  sourceSystem: ProvisioningSystem;
  targetSystem: ProvisioningSystem;
  sourceIdentity: ProvisionedIdentity;
  targetIdentity: ProvisionedIdentity;
  provisioningStatusInfo: { status: ProvisioningResult; errorInformation: ProvisioningErrorInfo | null };
  provisioningSteps: ProvisioningStep[];
  modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[];
}

/** Graph's error envelope: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError?: { date: string; 'request-id': string; 'client-request-id': string; [k: string]: unknown };
    details?: unknown[];
  };
}

// ---- provisionOnDemand and parseExpression (graph-synchronization.md §3.7, §3.15) ----

export interface SynchronizationJobSubject {
  objectId: string;
  /** `User` or `Group` for Entra → app jobs. */
  objectTypeName: string;
  /** A group's members to provision with it: at most 5 (§3.7). */
  links?: { members: { objectId: string; objectTypeName: string }[] };
}

export interface SynchronizationJobApplicationParameters {
  ruleId: string;
  subjects: SynchronizationJobSubject[];
}

export interface ProvisionOnDemandRequest {
  parameters: SynchronizationJobApplicationParameters[];
}

/** The single pair provisionOnDemand answers with: both strings hold JSON (two documented shapes, §3.7). */
export type ProvisionOnDemandResponse = StringKeyStringValuePair;

export interface ParseExpressionRequest {
  expression: string;
  testInputObject?: {
    definition?: unknown;
    properties: { key: string; value: unknown; 'value@odata.type'?: string }[];
  };
  targetAttributeDefinition?: unknown;
}

export interface ParseExpressionResponse {
  error: { code: string; message: string; details?: unknown[] } | null;
  evaluationResult: string[] | null;
  evaluationSucceeded: boolean;
  parsedExpression: unknown;
  parsingSucceeded: boolean;
}
