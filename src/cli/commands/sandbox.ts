// `entra-provisioning sandbox [--port N] [--seed default|large] [--state FILE] [--latency MS] [--cycle-interval D]`
// Prints exactly one JSON line on stdout when ready (the contract scripts and tests read); everything else,
// such as the request log with --verbose, goes to stderr. SIGINT/SIGTERM stop it cleanly and flush --state.
import { CliError, parseCommandArgs } from '../command';

const HELP = `Usage: entra-provisioning sandbox [options]

Starts the sandbox tenant "Contoso (sandbox)" on 127.0.0.1: Microsoft Graph (v1.0 and beta) for app provisioning,
and an Entra-compatible token service for @azure/msal-node; on a second port, a SCIM 2.0 target that the seeded
provisioning apps use as their Tenant URL. When ready it prints one JSON line:
  {"graph", "authority", "tokenEndpoint", "tenantId", "clientId", "clientSecret", "scim", "scimToken"}
The client id/secret are an app-only identity with every permission; scim is the SCIM base URL and scimToken its
bearer token for this run (both change every run; --state re-points the apps each time).

Options:
  --port N          port to listen on (default: a free port)
  --seed KIND       default (a few hundred users, a dozen provisioning jobs) or large (5,000 apps, 200 jobs)
  --state FILE      keep the tenant in FILE between runs (written atomically after every change)
  --latency MS      add MS milliseconds to every request
  --cycle-interval D  time between provisioning cycles of a started job: 500ms, 30s, 2m, 1h (default 40m, like
                    Entra). Cycles run only for jobs started, restarted or re-mapped through the API; the first one
                    begins 10 s after the call. Change it while running: POST /_sandbox/provisioning.
  -h, --help        show this help

Fault injection (tests): POST http://127.0.0.1:PORT/_sandbox/faults with a JSON rule, e.g.
  {"kind":"throttle","path":"/synchronization/jobs$","count":3,"retryAfter":1}
kinds: throttle (429 + Retry-After), error (status, default 500), drop (connection closed), hang (no answer).
`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('sandbox', {
    args,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      latency: { type: 'string' },
      'cycle-interval': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = parseInteger('--port', values.port, 0, 65535);
  const latencyMs = parseInteger('--latency', values.latency, 0, 600_000);
  const seed = values.seed ?? 'default';
  if (seed !== 'default' && seed !== 'large') throw new CliError(`--seed must be 'default' or 'large', not '${seed}'.`);

  const { startSandbox } = await import('../../sandbox/server');
  const cycleIntervalMs = parseDuration('--cycle-interval', values['cycle-interval']);
  const sandbox = await startSandbox({ port, seed, statePath: values.state, latencyMs, cycleIntervalMs });
  process.stdout.write(`${JSON.stringify(sandbox.info)}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sandbox.close();
  return 0;
}

/** `500ms`, `30s`, `2m`, `1h`; a bare number means seconds. From 10 ms to 24 days (the longest timer Node allows). */
function parseDuration(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(raw.trim());
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match?.[2] ?? 's').toLowerCase() as 'ms' | 's' | 'm' | 'h'];
  const ms = match ? Math.round(Number(match[1]) * unit) : NaN;
  if (!Number.isFinite(ms) || ms < 10 || ms > 2_147_483_647) {
    throw new CliError(`${flag} must be a duration such as 500ms, 30s, 2m or 1h (from 10ms to 24 days), not '${raw}'.`);
  }
  return ms;
}

function parseInteger(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliError(`${flag} must be a whole number from ${min} to ${max}, not '${raw}'.`);
  }
  return value;
}
