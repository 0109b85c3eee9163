// Helpers for the jobs-tree suites running inside VS Code: the sandbox the runner started (from the environment),
// its control API and a token to read the tenant back over HTTP, signing in through the real command, and walking
// the tree through the extension API (the provider the view itself uses).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EntraProvisioningApi } from '../../src/extension';
import type { JobNode, TreeNode } from '../../src/provisioning/tree/nodes';
import type { SandboxReadyInfo } from '../../src/sandbox/server';

export const extensionId = 'entra-provisioning.entra-provisioning';

export function sandbox(): SandboxReadyInfo & { origin: string } {
  const raw = process.env.ENTRA_PROVISIONING_TEST_SANDBOX;
  assert.ok(raw, 'ENTRA_PROVISIONING_TEST_SANDBOX is not set (the integration runner sets it)');
  const info = JSON.parse(raw) as SandboxReadyInfo;
  return { ...info, origin: new URL(info.graph).origin };
}

export async function api(): Promise<EntraProvisioningApi> {
  const extension = vscode.extensions.getExtension<EntraProvisioningApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

interface Account {
  id: string;
  username: string;
  tenantId: string;
}

/** Signs in with an app-only client secret through the real sign-in command (the sandbox's all-permissions app by default). */
export async function signInApp(client?: { clientId: string; clientSecret: string }): Promise<Account> {
  const info = sandbox();
  const account = await vscode.commands.executeCommand<Account | undefined>('entraProvisioning.signIn', {
    method: 'clientSecret',
    tenant: info.tenantId,
    clientId: client?.clientId ?? info.clientId,
    clientSecret: client?.clientSecret ?? info.clientSecret,
  });
  assert.ok(account, 'sign-in returned no account');
  return account;
}

export async function signOut(accountId: string): Promise<void> {
  await vscode.commands.executeCommand('entraProvisioning.signOut', { accountId, confirm: false });
}

/** A client with exactly these Graph application permissions (for permission-denied tests). */
export async function restrictedClient(permissions: string[]): Promise<{ clientId: string; clientSecret: string }> {
  return control<{ clientId: string; clientSecret: string }>('POST', '/_sandbox/identity/clients', { permissions, displayName: `restricted ${permissions.join(' ')}` });
}

export async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox().origin}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function injectFault(rule: Record<string, unknown>): Promise<void> {
  await control('POST', '/_sandbox/faults', rule);
}

export async function clearFaults(): Promise<void> {
  await fetch(`${sandbox().origin}/_sandbox/faults`, { method: 'DELETE' });
}

let cachedToken: { value: string; until: number } | undefined;

/** An app-only token straight from the sandbox's token endpoint, to read the tenant back independently of the extension. */
export async function token(): Promise<string> {
  if (cachedToken && cachedToken.until > Date.now()) return cachedToken.value;
  const info = sandbox();
  const response = await fetch(info.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.clientId, client_secret: info.clientSecret, scope: `${info.graph}.default` }),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number };
  assert.ok(body.access_token, `no token from the sandbox (${response.status})`);
  cachedToken = { value: body.access_token, until: Date.now() + 60_000 };
  return body.access_token;
}

export async function graphGet<T>(path: string): Promise<T> {
  const response = await fetch(new URL(`v1.0${path}`, sandbox().graph), { headers: { Authorization: `Bearer ${await token()}` } });
  assert.equal(response.status, 200, `GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

// ---- the tree -------------------------------------------------------------------------------------------------------

export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The tenant row of an account, after its discovery has finished. */
export async function tenantRow(jobsTree: EntraProvisioningApi['jobsTree'], accountId: string): Promise<TreeNode> {
  const roots = await jobsTree.getChildren();
  const tenant = roots.find((node) => node.accountId === accountId);
  assert.ok(tenant, `no tenant row for ${accountId}; rows: ${roots.map((r) => r.id).join(', ')}`);
  await jobsTree.getChildren(tenant); // starts discovery when it never ran
  await jobsTree.whenIdle();
  return tenant;
}

export async function appRows(jobsTree: EntraProvisioningApi['jobsTree'], accountId: string): Promise<TreeNode[]> {
  const tenant = await tenantRow(jobsTree, accountId);
  return jobsTree.getChildren(tenant);
}

export async function appRow(jobsTree: EntraProvisioningApi['jobsTree'], accountId: string, name: string): Promise<TreeNode> {
  const rows = await appRows(jobsTree, accountId);
  const row = rows.find((node) => labelOf(jobsTree.getTreeItem(node)) === name);
  assert.ok(row, `no app row "${name}"; rows: ${rows.map((r) => labelOf(jobsTree.getTreeItem(r))).join(', ')}`);
  return row;
}

/** The (first) job row of an app. */
export async function jobRow(jobsTree: EntraProvisioningApi['jobsTree'], accountId: string, appName: string): Promise<JobNode> {
  const app = await appRow(jobsTree, accountId, appName);
  const [job] = await jobsTree.getChildren(app);
  assert.ok(job && job.kind === 'job', `${appName} has no job row`);
  return job;
}

/** The argument object job commands accept. */
export function jobArgs(job: JobNode, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { accountId: job.job.accountId, servicePrincipalId: job.job.servicePrincipalId, jobId: job.job.jobId, ...extra };
}

export interface GraphJob {
  id: string;
  schedule: { state: string };
  status: { code: string; quarantine: unknown };
}

export async function readJob(job: JobNode): Promise<GraphJob> {
  return graphGet<GraphJob>(`/servicePrincipals/${job.job.servicePrincipalId}/synchronization/jobs/${encodeURIComponent(job.job.jobId)}`);
}

export async function readSecrets(job: JobNode): Promise<Record<string, string | null>> {
  const body = await graphGet<{ value: { key: string; value: string | null }[] }>(`/servicePrincipals/${job.job.servicePrincipalId}/synchronization/secrets`);
  return Object.fromEntries(body.value.map((pair) => [pair.key, pair.value]));
}
