// Provision on demand (issue 5), the core: the request with its documented limits, both documented answers parsed into
// one result model with errors explained, the 5-requests-per-10-seconds pacer, the OAuth-apps rule, and the directory
// searches the pickers run. No vscode: the extension and any other caller share it.
export { MAX_GROUP_MEMBERS, OnDemandRequestError, buildOnDemandRequest, objectTypeOf, onDemandRules, type OnDemandObjectType, type OnDemandRule, type OnDemandSubjectInput } from './request';
export {
  parseOnDemandResponse,
  type OnDemandIdentity,
  type OnDemandModifiedProperty,
  type OnDemandPhase,
  type OnDemandRecord,
  type OnDemandResult,
  type OnDemandResultValue,
  type OnDemandScopeClause,
  type OnDemandStatusInfo,
  type OnDemandStep,
  type OnDemandSystem,
} from './response';
export { ON_DEMAND_LIMIT, ON_DEMAND_WINDOW_MS, PacerCancelledError, SlidingWindowPacer, pacerFor, type PacerClock } from './pacer';
export { isOAuthTemplate, isRunning, onDemandBlocker, type OnDemandBlocker } from './oauth';
export { getUserForPreview, groupUserMembers, odataString, searchDirectory, searchFilter, USER_SOURCE_SELECT, type DirectoryEntry } from './directorySearch';
export { runOnDemand, type RunOnDemandOptions } from './run';
