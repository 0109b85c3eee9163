// Test helpers for talking to a sandbox started in-process: app-only tokens straight from its token endpoint
// (the msal flows have their own tests), and the control API.
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/server';
import type { FaultRuleInput } from '../../src/sandbox/faults';

export async function withSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox(options);
}

/** A client-credentials token for the sandbox's all-permissions app. */
export async function appToken(sandbox: RunningSandbox): Promise<string> {
  const { info } = sandbox;
  const response = await fetch(info.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: info.clientId,
      client_secret: info.clientSecret,
      scope: `${info.graph}.default`,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token from the sandbox: ${body.error_description ?? response.status}`);
  return body.access_token;
}

/** A token with exactly these permissions (or an expired one), minted through the control API. */
export async function tokenWith(
  sandbox: RunningSandbox,
  permissions: string[],
  options: { kind?: 'app' | 'user'; expiresInSeconds?: number } = {},
): Promise<string> {
  const response = await fetch(`${sandbox.origin}/_sandbox/identity/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: options.kind ?? 'app', permissions, expiresInSeconds: options.expiresInSeconds }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export async function injectFault(sandbox: RunningSandbox, rule: FaultRuleInput): Promise<void> {
  const response = await fetch(`${sandbox.origin}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(rule),
  });
  if (response.status !== 201) throw new Error(`fault rule refused: ${await response.text()}`);
}

export async function clearFaults(sandbox: RunningSandbox): Promise<void> {
  await fetch(`${sandbox.origin}/_sandbox/faults`, { method: 'DELETE' });
}
