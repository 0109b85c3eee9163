// The local preview (issue 5): applies one object mapping of a synchronizationSchema to one Entra source object and
// returns what the provisioning service would send — scoping, matching, attribute values with traces, SCIM request.
// Pure TypeScript, no vscode: the sandbox provisioning engine, the VS Code preview and the CLI share it.
// Semantics decisions: docs/expression-semantics.md "Preview".
export type {
  SourceObject,
  PreviewAction,
  PreviewOptions,
  ScopingClauseResult,
  ScopingResult,
  MatchingCandidate,
  PreviewAttribute,
  ScimRequest,
  PreviewResult,
} from './types';
export { PreviewError } from './types';
export { previewObject, compilePreview, type CompiledPreview } from './preview';
export { sourceFromGraphUser, sourceFromGraphGroup } from './source';
export {
  scimResourceType,
  parseTargetPath,
  placeValue,
  readValue,
  SCIM_CORE_USER_SCHEMA,
  SCIM_CORE_GROUP_SCHEMA,
  SCIM_PATCH_OP_SCHEMA,
  ADSCIM_GROUP_SCHEMA,
  type TargetPath,
  type PatchOperation,
} from './scimBody';
export { evaluateScope, evaluateClause, describeClause } from './scoping';
export { matchingFilter, scimStringLiteral } from './matching';
