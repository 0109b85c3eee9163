// The URI schemes of schema editing, with no imports: register.ts needs them at activation, which must stay light.

/** A job's schema, read and written through Graph: `entra-provisioning:/<tenantId>/<spId>/<jobId>/schema.provisioning.json`. */
export const SCHEMA_SCHEME = 'entra-provisioning';
/** Read-only snapshots of what Entra has (the left side of save diffs, both sides of a job-to-job compare). */
export const SNAPSHOT_SCHEME = 'entra-provisioning-remote';
