// Apps whose admin credentials are an OAuth authorization (Workplace from Meta, Slack, G Suite, Box) need their
// provisioning job stopped before provisioning on demand (graph-synchronization.md §3.7, §8): the running job holds
// the app's OAuth token. Rather than let the admin hit the error, say so up front and offer to pause the job.
import type { MetadataEntry, SynchronizationJob } from '../../graph/model';

/** Workplace from Meta's connectors: SCIM 1.0 (legacy) and SCIM 2.0 (§8). Known OAuth even without template metadata. */
const KNOWN_OAUTH_TEMPLATES = new Set(['facebookatworkoutdelta', 'facebookworkplace']);

/** The template says so (`IsOAuthEnabled` = "true", any case), or it is one of Workplace's connectors. */
export function isOAuthTemplate(templateId: string, metadata?: readonly MetadataEntry[] | null): boolean {
  const flag = (metadata ?? []).find((m) => m.key?.toLowerCase() === 'isoauthenabled');
  if (flag) return flag.value?.trim().toLowerCase() === 'true';
  return KNOWN_OAUTH_TEMPLATES.has(templateId.toLowerCase());
}

export interface OnDemandBlocker {
  kind: 'oauthJobRunning';
  /** What to tell the admin. */
  message: string;
  /** What fixes it: pausing the job (Start resumes it later where it stopped). */
  fix: 'pause';
}

/** Why on-demand provisioning would fail for this job now, or undefined when nothing stands in the way. */
export function onDemandBlocker(job: Pick<SynchronizationJob, 'templateId' | 'schedule' | 'status'>, templateMetadata?: readonly MetadataEntry[] | null): OnDemandBlocker | undefined {
  if (!isOAuthTemplate(job.templateId, templateMetadata)) return undefined;
  if (!isRunning(job)) return undefined;
  return {
    kind: 'oauthJobRunning',
    fix: 'pause',
    message:
      'This app signs in to its target with OAuth, and Entra only provisions on demand while such a job is stopped: pause the provisioning job first (Start resumes it later where it stopped).',
  };
}

/** Active schedule and not paused: a job that is Paused or Disabled (never started) is stopped. */
export function isRunning(job: Pick<SynchronizationJob, 'schedule' | 'status'>): boolean {
  return job.schedule?.state === 'Active' && job.status?.code !== 'Paused';
}
