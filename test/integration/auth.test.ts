// Sign-in inside a real VS Code against the run's sandbox tenant, through the commands a user (or a script) runs:
// app-only with a client secret, device code completed by the test over HTTP (the code is found through the
// sandbox's control API, as a person would read it off the notification), sign-out, and settings a workspace
// tries to override.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Account } from '../../src/auth/accounts';
import type { SandboxReadyInfo } from '../../src/sandbox/server';

const extensionId = 'entra-provisioning.entra-provisioning';

function sandbox(): SandboxReadyInfo & { origin: string } {
  const raw = process.env.ENTRA_PROVISIONING_TEST_SANDBOX;
  assert.ok(raw, 'ENTRA_PROVISIONING_TEST_SANDBOX is not set (the integration runner sets it)');
  const info = JSON.parse(raw) as SandboxReadyInfo;
  return { ...info, origin: new URL(info.graph).origin };
}

async function controlPost(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sandbox().origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `${path}: ${response.status} ${await response.text()}`);
}

const listAccounts = async () => (await vscode.commands.executeCommand<Account[]>('entraProvisioning.listAccounts')) ?? [];

function signInWithSecret(): Thenable<Account | undefined> {
  const info = sandbox();
  return vscode.commands.executeCommand<Account | undefined>('entraProvisioning.signIn', {
    method: 'clientSecret',
    tenant: info.tenantId,
    clientId: info.clientId,
    clientSecret: info.clientSecret,
  });
}

/** The user code of the one device-code sign-in waiting for it (polls until the extension has started one). */
async function pendingUserCode(): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${sandbox().origin}/_sandbox/identity/deviceCodes`);
    const { value } = (await response.json()) as { value: { userCode: string }[] };
    if (value.length === 1) return value[0]!.userCode;
    assert.ok(value.length === 0, `expected one pending device code, found ${value.length}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the extension did not start a device-code sign-in');
}

/** What a person does on the verification page: enter the code and press Next. */
async function enterCode(userCode: string): Promise<void> {
  const response = await fetch(`${sandbox().origin}/devicelogin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ otc: userCode }).toString(),
  });
  const html = await response.text();
  assert.equal(response.status, 200, html);
}

describe('Sign-in commands', function () {
  this.timeout(60_000);
  const created: string[] = [];

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    // msal polls every `interval` seconds; Entra's 5 s would only make the suite slow.
    await controlPost('/_sandbox/identity/settings', { deviceCodeIntervalSeconds: 0.1 });
  });
  afterEach(async () => {
    // Other suites share this VS Code: leave no account behind.
    for (const accountId of created.splice(0)) await vscode.commands.executeCommand('entraProvisioning.signOut', { accountId, confirm: false });
  });
  after(async () => {
    await controlPost('/_sandbox/identity/settings', { deviceCodeIntervalSeconds: 5 });
  });

  it('contributes Sign In and Sign Out in the Entra Provisioning category, and application-scope settings', () => {
    const contributes = vscode.extensions.getExtension(extensionId)!.packageJSON.contributes as {
      commands: { command: string; category?: string; icon?: string }[];
      configuration: { properties: Record<string, { scope?: string; markdownDescription?: string; description?: string }> };
    };
    for (const id of ['entraProvisioning.signIn', 'entraProvisioning.signOut']) {
      const command = contributes.commands.find((c) => c.command === id);
      assert.ok(command?.icon, `${id} has an icon`);
      assert.equal(command.category, 'Entra Provisioning');
    }
    for (const name of ['cloud', 'clientId', 'sandbox.graphEndpoint', 'sandbox.authority', 'signInMethod']) {
      const property = contributes.configuration.properties[`entraProvisioning.${name}`];
      assert.ok(property, `entraProvisioning.${name} is contributed`);
      assert.equal(property.scope, 'application', `entraProvisioning.${name} is application scope`);
      assert.ok(property.markdownDescription ?? property.description, `entraProvisioning.${name} is described`);
    }
  });

  it('signs in app-only with a client secret passed as the argument; the account is listed', async () => {
    const account = await signInWithSecret();
    assert.ok(account, 'signIn returned no account (see the log)');
    created.push(account.id);
    assert.equal(account.kind, 'app');
    assert.equal(account.tenantId, sandbox().tenantId);
    assert.equal(account.cloud.graphRoot, sandbox().graph, 'the cloud comes from the user settings the runner wrote');
    assert.ok((await listAccounts()).some((a) => a.id === account.id));
    assert.ok(!JSON.stringify(await listAccounts()).includes(sandbox().clientSecret), 'account metadata holds no secret');
  });

  it('signs in with a device code that the test enters on the sandbox page', async () => {
    const signingIn = vscode.commands.executeCommand<Account | undefined>('entraProvisioning.signIn', { method: 'deviceCode' });
    await enterCode(await pendingUserCode());
    const account = await signingIn;
    assert.ok(account, 'signIn returned no account (see the log)');
    created.push(account.id);
    assert.equal(account.kind, 'user');
    assert.match(account.username, /^admin@/);
    assert.equal(account.clientId, '14d82eec-204b-4c2f-b7e8-296a70dab67e', 'the default client id');
    assert.ok((await listAccounts()).some((a) => a.id === account.id));
  });

  it('signs out without a prompt when asked by a script; the account is gone and cannot be signed in again silently', async () => {
    const account = await signInWithSecret();
    assert.ok(account);
    const signedOut = await vscode.commands.executeCommand<boolean>('entraProvisioning.signOut', { accountId: account.id, confirm: false });
    assert.equal(signedOut, true);
    assert.ok(!(await listAccounts()).some((a) => a.id === account.id));
    // "Sign in again" for the removed account has nothing to renew: no account comes back.
    assert.equal(await vscode.commands.executeCommand('entraProvisioning.signIn', { accountId: account.id }), undefined);
    assert.ok(!(await listAccounts()).some((a) => a.id === account.id));
  });

  it('ignores sign-in settings in the workspace (they cannot redirect tokens)', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration run opens a workspace folder');
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    const original = await vscode.workspace.fs.readFile(file);
    const hostile = {
      'files.autoSave': 'afterDelay', // a sentinel: once VS Code reports it, it has read the file
      'entraProvisioning.cloud': 'Global',
      'entraProvisioning.sandbox.graphEndpoint': 'https://graph.attacker.example/',
      'entraProvisioning.sandbox.authority': 'https://login.attacker.example/tenant',
      'entraProvisioning.clientId': '00000000-0000-0000-0000-000000000001',
    };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(hostile, null, 2)));
    try {
      await waitFor(() => vscode.workspace.getConfiguration('files').inspect('autoSave')?.workspaceValue === 'afterDelay');
      const account = await signInWithSecret();
      assert.ok(account, 'sign-in still works against the sandbox');
      created.push(account.id);
      assert.equal(account.cloud.graphRoot, sandbox().graph);
      assert.equal(account.authority, `${new URL(sandbox().authority).origin}/${sandbox().tenantId}`);
    } finally {
      await vscode.workspace.fs.writeFile(file, original);
      await waitFor(() => vscode.workspace.getConfiguration('files').inspect('autoSave')?.workspaceValue !== 'afterDelay');
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for VS Code to read the settings file');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
