// The provisioning part of the sandbox control API (no token; 127.0.0.1 only):
//   GET  /_sandbox/provisioning         → the cycle settings
//   POST /_sandbox/provisioning         {cycleIntervalMs?, firstCycleDelayMs?, quarantineIntervalMs?, escrowThresholds?}
//   POST /_sandbox/provisioning/cycles  {servicePrincipalId, jobId} → runs a cycle of that (Active) job now, answers its report
import type { Router, SandboxResponse } from '../http/router';
import { INVALID_JSON_BODY } from '../http/body';
import type { Tenant } from '../tenant';
import type { ProvisioningEngine, ProvisioningSettingsInput } from './engine';

const DURATION_KEYS = ['cycleIntervalMs', 'firstCycleDelayMs', 'quarantineIntervalMs'] as const;
const THRESHOLD_KEYS = ['evaluationStart', 'proportion', 'total'] as const;

export function registerProvisioningControlRoutes(router: Router, tenant: Tenant, engine: ProvisioningEngine): void {
  router
    .get('/_sandbox/provisioning', () => ({ status: 200, body: engine.options }))
    .post('/_sandbox/provisioning', (req) => {
      const settings = readSettings(req.body);
      if ('error' in settings) return problem(settings.error);
      engine.configure(settings.value);
      return { status: 200, body: engine.options };
    })
    .post('/_sandbox/provisioning/cycles', async (req) => {
      const body = req.body as { servicePrincipalId?: unknown; jobId?: unknown } | undefined;
      if (!body || typeof body !== 'object' || typeof body.servicePrincipalId !== 'string' || typeof body.jobId !== 'string') {
        return problem('Send {"servicePrincipalId": "…", "jobId": "…"}.');
      }
      const sp = tenant.servicePrincipal(body.servicePrincipalId);
      const record = sp ? tenant.job(sp, body.jobId) : undefined;
      if (!sp || !record) return { status: 404, body: { error: `No job '${body.jobId}' on service principal '${body.servicePrincipalId}'.` } };
      return { status: 200, body: await engine.runCycleNow(sp, record) };
    });
}

/** Validates a settings body: durations are whole milliseconds ≥ 0 (a cycle interval ≥ 10 ms), thresholds ≥ 0. */
export function readSettings(body: unknown): { value: ProvisioningSettingsInput } | { error: string } {
  if (body === undefined || body === INVALID_JSON_BODY || !body || typeof body !== 'object' || Array.isArray(body)) {
    return { error: 'Send a JSON object with cycleIntervalMs, firstCycleDelayMs, quarantineIntervalMs or escrowThresholds.' };
  }
  const input = body as Record<string, unknown>;
  const value: ProvisioningSettingsInput = {};
  for (const key of DURATION_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    const min = key === 'firstCycleDelayMs' ? 0 : 10;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 2_147_483_647) return { error: `${key} must be a whole number of milliseconds from ${min} to 2147483647.` };
    value[key] = v;
  }
  const thresholds = input.escrowThresholds;
  if (thresholds !== undefined) {
    if (!thresholds || typeof thresholds !== 'object') return { error: 'escrowThresholds must be an object {evaluationStart, proportion, total}.' };
    value.escrowThresholds = {};
    for (const key of THRESHOLD_KEYS) {
      const v = (thresholds as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !(v >= 0)) return { error: `escrowThresholds.${key} must be a number ≥ 0.` };
      value.escrowThresholds[key] = v;
    }
  }
  return { value };
}

function problem(message: string): SandboxResponse {
  return { status: 400, body: { error: message } };
}
