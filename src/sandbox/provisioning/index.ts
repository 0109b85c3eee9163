// The sandbox provisioning engine: provisionOnDemand, parseExpression and the cycles of started jobs, provisioning into
// SCIM targets on this machine (the sandbox's SCIM server) with the same preview core the extension uses.
export { ProvisioningEngine, DEFAULT_CYCLE_INTERVAL_MS, DEFAULT_FIRST_CYCLE_DELAY_MS, DEFAULT_QUARANTINE_INTERVAL_MS } from './engine';
export type { ProvisioningEngineOptions, ProvisioningSettingsInput, OnDemandSubject, EngineCycleReport } from './engine';
export { registerOnDemandRoute } from './onDemandRoute';
export { parseExpressionRoute, parseExpression } from './parseExpression';
export { registerProvisioningControlRoutes, readSettings } from './control';
export { ScimClient, ScimRequestError, isLocalTarget } from './scimClient';
export type { ObjectOutcome } from './outcome';
