// The sandbox's SCIM 2.0 target and the connection test Entra runs against a job's Tenant URL.
export { startScimServer, SCIM_BASE_PATH, SCIM_CONTROL_PATH, type ScimServer, type ScimServerOptions, type ScimRequestRecord } from './server';
export { ScimStore, type ScimUser, type ScimGroup, type ScimResource, type ScimGroupMember } from './store';
export {
  checkTargetConnection,
  quarantineForConnectionFailure,
  isLoopback,
  INVALID_CREDENTIALS_CODE,
  CONNECTION_QUARANTINE_REASON,
  type TargetConnectionResult,
  type ConnectionCheckOptions,
} from './connection';
