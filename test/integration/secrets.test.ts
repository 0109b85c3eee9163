// Secret scan: run the whole jobs-tree flow with trace logging (sign-in, discovery, schema, logs, credentials with a
// secret token, Test Connection, restart), then search the extension's log folder, its globalStorage folder and the
// user settings.json for the sandbox's client secret, the SCIM token we typed (the sandbox SCIM target's, so Test
// Connection really connects), and anything shaped like a JWT (access tokens start with `eyJ`). None may be found.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { EntraProvisioningApi } from '../../src/extension';
import { api, jobArgs, jobRow, sandbox, signInApp, token } from './treeSupport';

const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/;

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

describe('Jobs tree: no token or secret in logs, storage or settings', function () {
  this.timeout(120_000);
  let ext: EntraProvisioningApi;

  before(async () => {
    ext = await api();
    // Trace is the most talkative level: if anything secret were logged, this is where it would show.
    // `_extensionTests.setLogLevel` is VS Code's command for extension tests (it only works in a test run).
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
  });

  after(async () => {
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
  });

  it('runs the flow at trace level and finds no secret afterwards', async () => {
    const accountId = (await signInApp()).id;
    await ext.jobsTree.refresh();
    const hr = await jobRow(ext.jobsTree, accountId, 'Contoso HR SCIM (custom)');
    const [status, schema, logs] = await ext.jobsTree.getChildren(hr);
    await ext.jobsTree.getChildren(status!);
    await ext.jobsTree.getChildren(schema!);
    await ext.jobsTree.getChildren(logs!);
    const run = (command: string, extra: Record<string, unknown> = {}) =>
      vscode.commands.executeCommand<{ status: string; message?: string }>(`entraProvisioning.${command}`, jobArgs(hr, extra));
    const scimToken = sandbox().scimToken;
    assert.equal((await run('setCredentials', { baseAddress: sandbox().scim, secretToken: scimToken, confirmed: true }))?.status, 'done');
    const tested = await vscode.commands.executeCommand<{ status: string; ok?: boolean; message?: string }>('entraProvisioning.testConnection', jobArgs(hr));
    assert.equal(tested?.status, 'done');
    assert.equal(tested?.ok, true, tested?.message);
    assert.equal((await run('restartJob', { resetScope: ['Watermark'], confirmed: true }))?.status, 'done');
    // The log channel writes to its file asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const exthostLogs = dirname(ext.logUri.fsPath);
    const userDir = dirname(dirname(ext.globalStorageUri.fsPath));
    const files = [...filesUnder(exthostLogs), ...filesUnder(ext.globalStorageUri.fsPath), ...filesUnder(join(userDir, 'settings.json'))];
    const ourLog = filesUnder(ext.logUri.fsPath).map((file) => readFileSync(file, 'utf8')).join('\n');
    assert.match(ourLog, /GET \/v1\.0\/servicePrincipals.* 200 \d+ ms request-id/, 'the log channel recorded the Graph requests');
    assert.ok(files.some((file) => file.endsWith('settings.json')), `settings.json under ${userDir}`);

    const secrets = [sandbox().clientSecret, scimToken, await token()];
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      for (const secret of secrets) if (text.includes(secret)) leaks.push(`${file}: a secret (${secret.slice(0, 4)}…)`);
      const jwt = JWT.exec(text);
      if (jwt) leaks.push(`${file}: a JWT (${jwt[0].slice(0, 12)}…)`);
    }
    assert.deepEqual(leaks, [], `scanned ${files.length} files`);
  });
});
