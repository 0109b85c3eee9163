// Editing a job's schema in place against the sandbox: the `entra-provisioning:` document, its diagnostics and
// quick fixes, the save flow (PUT after confirmation, conflicts, blocked by errors, Graph failures), reset (DELETE),
// pull, push and compare. Commands are driven with argument objects (`confirmed: true` / `onConflict` stand for the
// modals a user answers); every write is read back over HTTP with a token of our own, not through the extension.
// All writes go to "Slack (Sandbox workspace)", a job no other suite reads.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EntraProvisioningApi } from '../../src/extension';
import type { SynchronizationSchema } from '../../src/graph/model';
import type { JobNode } from '../../src/provisioning/tree/nodes';
import { schemaDocumentText, schemaFingerprint } from '../../src/provisioning/schemaEditing';
import { api, clearFaults, injectFault, jobArgs, jobRow, sandbox, signInApp, token } from './treeSupport';

const APP = 'Slack (Sandbox workspace)';
const OURS = 'entra-provisioning';
const SETTLE_MS = 20_000;

interface Result {
  status: 'done' | 'cancelled' | 'notAllowed' | 'failed';
  message?: string;
  [key: string]: unknown;
}

const run = (command: string, arg: unknown) => vscode.commands.executeCommand<Result>(`entraProvisioning.${command}`, arg);

function schemaPath(job: JobNode): string {
  return `/servicePrincipals/${job.job.servicePrincipalId}/synchronization/jobs/${encodeURIComponent(job.job.jobId)}/schema`;
}

async function remoteSchema(job: JobNode): Promise<SynchronizationSchema> {
  const response = await fetch(new URL(`v1.0${schemaPath(job)}`, sandbox().graph), { headers: { Authorization: `Bearer ${await token()}` } });
  assert.equal(response.status, 200, `GET schema answered ${response.status}`);
  return (await response.json()) as SynchronizationSchema;
}

/** Another writer (the portal, another window): PUT straight to the sandbox. */
async function putRemote(job: JobNode, schema: SynchronizationSchema): Promise<void> {
  const response = await fetch(new URL(`v1.0${schemaPath(job)}`, sandbox().graph), {
    method: 'PUT',
    headers: { Authorization: `Bearer ${await token()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(schema),
  });
  assert.equal(response.status, 204, `PUT schema answered ${response.status}: ${await response.text()}`);
}

function emailSource(schema: SynchronizationSchema): unknown {
  return schema.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.find((m) => m.targetAttributeName === 'emails[type eq "work"].value')?.source;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function describe_(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => `${d.source} ${codeOf(d)} ${d.range.start.line}:${d.range.start.character} ${d.message}`));
}

function diagnosticsWhen(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, what: string): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return;
      cleanup();
      resolve(current);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${describe_(vscode.languages.getDiagnostics(uri))}`));
    }, SETTLE_MS);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms = SETTLE_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function rangeOf(document: vscode.TextDocument, needle: string, from = 0): vscode.Range {
  const start = document.getText().indexOf(needle, from);
  assert.ok(start >= 0, `${needle} not in the document`);
  return new vscode.Range(document.positionAt(start), document.positionAt(start + needle.length));
}

async function replaceIn(document: vscode.TextDocument, needle: string, replacement: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, rangeOf(document, needle), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), `replacing ${needle}`);
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration runner opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'schema-editing-test', name);
}

describe('Editing a job schema in place (entra-provisioning:)', function () {
  this.timeout(90_000);
  let ext: EntraProvisioningApi;
  let accountId: string;
  let job: JobNode;
  let document: vscode.TextDocument;

  before(async () => {
    ext = await api();
    accountId = (await signInApp()).id;
    await ext.jobsTree.refresh();
    job = await jobRow(ext.jobsTree, accountId, APP);
  });

  after(async () => {
    await clearFaults();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the schema as an entra-provisioning: document: Graph\'s JSON, 2-space indented, with our diagnostics and the JSON Schema', async () => {
    const outcome = await run('openSchema', jobArgs(job));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const uri = vscode.Uri.parse(String(outcome.uri));
    assert.equal(uri.scheme, 'entra-provisioning');
    assert.match(uri.path, new RegExp(`^/${sandbox().tenantId}/${job.job.servicePrincipalId}/${job.job.jobId.replace(/\./g, '\\.')}/schema\\.provisioning\\.json$`));
    assert.doesNotMatch(uri.query, /secret|token/i);
    document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    assert.ok(document, 'the document is open');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.equal(document.languageId, 'json');
    assert.equal(document.getText(), schemaDocumentText(await remoteSchema(job)));

    // The mapping language: [mail] without a fallback is flagged in the virtual document.
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.some((x) => x.source === OURS && codeOf(x) === 'email-without-fallback'), 'the email-without-fallback warning');
    assert.ok(diagnostics.length > 0);

    // VS Code's JSON service validates it against our JSON Schema too (jsonValidation by file name, any scheme).
    await replaceIn(document, '"flowTypes": "Add, Update, Delete"', '"flowTypes": "Add|Update"');
    const broken = await diagnosticsWhen(document.uri, (d) => d.some((x) => x.source !== OURS && /Add, Update, Delete/.test(x.message)), 'the JSON Schema pattern error');
    assert.ok(broken.some((x) => x.source !== OURS));
    await replaceIn(document, '"flowTypes": "Add|Update"', '"flowTypes": "Add, Update, Delete"');
    await diagnosticsWhen(document.uri, (d) => !d.some((x) => x.source !== OURS && /Add, Update, Delete/.test(x.message)), 'the pattern error gone');
  });

  it('applies the Coalesce([mail],[userPrincipalName]) quick fix and saves it with PUT after the confirmation', async () => {
    const [warning] = (await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'email-without-fallback'), 'the warning')).filter((x) => codeOf(x) === 'email-without-fallback');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, warning!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /Coalesce/.test(a.title));
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.isDirty, true);
    assert.match(document.getText(), /"expression": "Coalesce\(\[mail\], ?\[userPrincipalName\]\)"/);

    const saved = await run('saveSchema', { uri: document.uri.toString(), confirmed: true });
    assert.equal(saved?.status, 'done', saved?.message);
    assert.equal(saved.written, true);
    assert.equal(document.isDirty, false, 'a saved document is clean');
    const remote = await remoteSchema(job);
    assert.match(JSON.stringify(emailSource(remote)), /Coalesce\(\[mail\], ?\[userPrincipalName\]\)/);
    assert.equal(schemaFingerprint(remote), schemaFingerprint(document.getText()), 'Entra has exactly the document');
  });

  it('a Graph failure on save is a clear message and the edits stay', async () => {
    await replaceIn(document, '"flowBehavior": "FlowWhenChanged"', '"flowBehavior": "FlowAlways"');
    const before = document.getText();
    await injectFault({ kind: 'error', status: 400, method: 'PUT', path: '/synchronization/jobs/[^/]+/schema$', count: 1 });
    try {
      const outcome = await run('saveSchema', { uri: document.uri.toString(), confirmed: true });
      assert.equal(outcome?.status, 'failed');
      assert.match(String(outcome.message), /Saving the schema of Slack \(Sandbox workspace\) failed/);
    } finally {
      await clearFaults();
    }
    assert.equal(document.isDirty, true);
    assert.equal(document.getText(), before);
  });

  it('when Entra changed meanwhile: the conflict prompt; Cancel leaves Entra and the document as they were; Overwrite writes', async () => {
    const edited = document.getText();
    assert.equal(document.isDirty, true, 'the previous test left an unsaved edit');
    // Someone else saves: the group object mapping switched off.
    const theirs = await remoteSchema(job);
    theirs.synchronizationRules[0]!.objectMappings[1]!.enabled = !theirs.synchronizationRules[0]!.objectMappings[1]!.enabled;
    await putRemote(job, theirs);

    const cancelled = await run('saveSchema', { uri: document.uri.toString(), confirmed: true, onConflict: 'cancel' });
    assert.equal(cancelled?.status, 'cancelled', cancelled?.message);
    assert.equal(cancelled.conflict, true);
    assert.equal(schemaFingerprint(await remoteSchema(job)), schemaFingerprint(theirs), 'Entra keeps their change');
    assert.equal(document.isDirty, true, 'the edits are kept');
    assert.equal(document.getText(), edited);

    const overwritten = await run('saveSchema', { uri: document.uri.toString(), onConflict: 'overwrite' });
    assert.equal(overwritten?.status, 'done', overwritten?.message);
    const remote = await remoteSchema(job);
    assert.equal(schemaFingerprint(remote), schemaFingerprint(edited));
    assert.equal(document.isDirty, false);
  });

  it('refuses to save while the document has an error diagnostic, saying how many and where', async () => {
    await replaceIn(document, 'Coalesce([mail]', 'Coalesc([mail]');
    await diagnosticsWhen(document.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error && x.source === OURS), 'an error diagnostic');
    const before = await remoteSchema(job);
    const refused = await run('saveSchema', { uri: document.uri.toString(), confirmed: true });
    assert.equal(refused?.status, 'notAllowed', refused?.message);
    assert.ok(Number(refused.errorCount) >= 1);
    assert.match(String(refused.message), /\d+ errors? — line \d+, column \d+: /);
    assert.equal(document.isDirty, true);
    // Any other way to save (Save All, the menu, "save before closing?") meets the same check inside writeFile.
    assert.equal(await document.save(), false, 'VS Code reports the save as failed');
    assert.equal(document.isDirty, true);
    assert.equal(schemaFingerprint(await remoteSchema(job)), schemaFingerprint(before), 'nothing was written');
  });

  it('reset to default issues DELETE and reloads the open document (its unsaved edits discarded, as the modal says)', async () => {
    const outcome = await run('resetSchema', jobArgs(job, { confirmed: true }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const remote = await remoteSchema(job);
    assert.equal(JSON.stringify(emailSource(remote)).includes('Coalesce'), false, 'back to the template\'s plain [mail]');
    await until('the document reloaded', () => !document.isDirty && document.getText() === schemaDocumentText(remote));
  });

  it('pulls a schema to a workspace file', async () => {
    const file = workspaceFile('slack-sandbox.provisioning.json');
    const outcome = await run('pullSchema', jobArgs(job, { target: file.toString() }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    assert.equal(text, schemaDocumentText(await remoteSchema(job)));
  });

  it('pushes a file with PUT (the open clean document reloads); a remote change since the pull is a conflict', async () => {
    const file = workspaceFile('slack-sandbox.provisioning.json');
    const pulled = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as SynchronizationSchema;
    const mine = structuredClone(pulled);
    mine.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.find((m) => m.targetAttributeName === 'emails[type eq "work"].value')!.source = {
      expression: 'Coalesce([mail], [userPrincipalName])',
      name: 'Coalesce',
      type: 'Function',
      parameters: [
        { key: 'source', value: { expression: '[mail]', name: 'mail', type: 'Attribute', parameters: [] } },
        { key: 'source', value: { expression: '[userPrincipalName]', name: 'userPrincipalName', type: 'Attribute', parameters: [] } },
      ],
    } as never;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(schemaDocumentText(mine)));

    const pushed = await run('pushSchema', { file: file.toString(), ...jobArgs(job), confirmed: true });
    assert.equal(pushed?.status, 'done', pushed?.message);
    assert.equal(pushed.written, true);
    const remote = await remoteSchema(job);
    assert.equal(schemaFingerprint(remote), schemaFingerprint(mine));
    await until('the open schema document reloaded', () => document.getText() === schemaDocumentText(remote));

    // Someone changes the job; the file (based on what was pushed) no longer matches Entra's base.
    const theirs = structuredClone(remote);
    theirs.synchronizationRules[0]!.objectMappings[1]!.enabled = !theirs.synchronizationRules[0]!.objectMappings[1]!.enabled;
    await putRemote(job, theirs);
    const again = structuredClone(mine);
    again.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.pop();
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(schemaDocumentText(again)));
    const conflict = await run('pushSchema', { file: file.toString(), ...jobArgs(job), confirmed: true, onConflict: 'cancel' });
    assert.equal(conflict?.status, 'cancelled', conflict?.message);
    assert.equal(conflict.conflict, true);
    assert.equal(schemaFingerprint(await remoteSchema(job)), schemaFingerprint(theirs));
  });

  it('compares two jobs\' schemas side by side, both read-only', async () => {
    const zoom = await jobRow(ext.jobsTree, accountId, 'Zoom');
    const outcome = await run('compareSchemas', { left: jobArgs(job), right: jobArgs(zoom) });
    assert.equal(outcome?.status, 'done', outcome?.message);
    const left = vscode.Uri.parse(String(outcome.left));
    const right = vscode.Uri.parse(String(outcome.right));
    assert.equal(left.scheme, 'entra-provisioning-remote');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.equal(tab.input.original.toString(), left.toString());
    assert.equal(tab.input.modified.toString(), right.toString());
    assert.equal((await vscode.workspace.openTextDocument(left)).getText(), schemaDocumentText(await remoteSchema(job)));
    assert.equal((await vscode.workspace.openTextDocument(right)).getText(), schemaDocumentText(await remoteSchema(zoom)));
  });
});
