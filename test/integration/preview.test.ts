// The mapping preview in a real VS Code: a *.provisioning.json in the workspace previewed for a seed user read from the
// sandbox; the read-only preview document beside it shows the request and the attribute values, hovers show the
// evaluation trace, and an edit of the mapping document updates the preview (debounced). Nothing is written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreviewResult } from '../../src/mapping/preview';
import { TEMPLATES } from '../../src/sandbox/tenant/templates';
import { api, graphGet, signInApp } from './treeSupport';

interface PreviewOutcome {
  status: 'done' | 'cancelled' | 'notAllowed' | 'failed';
  message?: string;
  uri?: string;
  result?: PreviewResult;
}

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration runner opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'preview-test', ...segments);
}

async function previewText(uri: string, accept: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const text = doc?.getText() ?? '';
    if (doc && accept(text)) return text;
    if (Date.now() > until) throw new Error(`the preview never showed what was expected; it shows:\n${text.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Mapping preview', function () {
  this.timeout(60_000);
  let accountId: string;
  let user: { id: string; userPrincipalName: string; displayName: string };
  let mappingUri: vscode.Uri;

  before(async () => {
    await api();
    accountId = (await signInApp()).id;
    const users = await graphGet<{ value: { id: string; userPrincipalName: string; displayName: string; mail: string | null }[] }>('/users?$top=50');
    user = users.value.find((u) => u.mail)!;
    assert.ok(user, 'a seed user with mail');
    const schema = TEMPLATES.get('scim')!.defaultSchema();
    mappingUri = workspaceUri('hr.provisioning.json');
    await vscode.workspace.fs.writeFile(mappingUri, new TextEncoder().encode(JSON.stringify(schema, null, 2)));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(mappingUri), { preview: false });
  });

  it('previews a seed user: the SCIM request and the attribute values, in a read-only document beside the mapping', async () => {
    const outcome = await vscode.commands.executeCommand<PreviewOutcome>('entraProvisioning.previewMapping', { documentUri: mappingUri.toString(), accountId, userId: user.id });
    assert.equal(outcome?.status, 'done', outcome?.message);
    const result = outcome.result!;
    assert.equal(result.scoping.inScope, true, result.scoping.reason);
    assert.equal(result.request?.method, 'POST');
    assert.equal(result.request?.body['userName'], user.userPrincipalName);
    const text = await previewText(outcome.uri!, (t) => t.includes(user.userPrincipalName));
    const parsed = JSON.parse(text) as { request: { body: Record<string, unknown> }; attributes: { targetAttributeName: string; value: unknown }[] };
    assert.equal(parsed.request.body['displayName'], user.displayName);
    assert.equal(parsed.attributes.find((a) => a.targetAttributeName === 'userName')?.value, user.userPrincipalName);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === outcome.uri), 'the preview is shown');

    // Hovering the userName entry explains its evaluation.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === outcome.uri)!;
    // The attributes come last (the matching section names userName too).
    const offset = text.lastIndexOf('"targetAttributeName": "userName"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 5));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(hoverText, /\*\*userName\*\*/);
    assert.match(hoverText, /Evaluation/);
  });

  it('updates the preview after an edit of the mapping document', async () => {
    const outcome = await vscode.commands.executeCommand<PreviewOutcome>('entraProvisioning.previewMapping', { documentUri: mappingUri.toString(), accountId, userId: user.id });
    assert.equal(outcome?.status, 'done', outcome?.message);
    const mapping = await vscode.workspace.openTextDocument(mappingUri);
    // displayName ← [displayName] becomes displayName ← "Edited in the test" (a Constant).
    const schema = JSON.parse(mapping.getText()) as { synchronizationRules: { objectMappings: { sourceObjectName: string; attributeMappings: { targetAttributeName: string; source: unknown }[] }[] }[] };
    const target = schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'User')!.attributeMappings.find((a) => a.targetAttributeName === 'displayName')!;
    target.source = { expression: '"Edited in the test"', name: 'Edited in the test', parameters: [], type: 'Constant' };
    const edit = new vscode.WorkspaceEdit();
    edit.replace(mappingUri, new vscode.Range(mapping.positionAt(0), mapping.positionAt(mapping.getText().length)), JSON.stringify(schema, null, 2));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = await previewText(outcome.uri!, (t) => t.includes('Edited in the test'));
    const parsed = JSON.parse(text) as { request: { body: Record<string, unknown> } };
    assert.equal(parsed.request.body['displayName'], 'Edited in the test');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('previews a job from the tree (its schema from Graph) for a user given as a Graph object, writing nothing', async () => {
    const sp = await graphGet<{ value: { id: string }[] }>(`/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'Contoso Benefits Portal'")}`);
    const jobs = await graphGet<{ value: { id: string }[] }>(`/servicePrincipals/${sp.value[0]!.id}/synchronization/jobs`);
    const graphUser = { id: 'file-user', displayName: 'Jordan File', userPrincipalName: 'jordan.file@contoso.example', mail: 'jordan.file@contoso.example', accountEnabled: true, givenName: 'Jordan', surname: 'File' };
    const outcome = await vscode.commands.executeCommand<PreviewOutcome>('entraProvisioning.previewMapping', {
      accountId,
      servicePrincipalId: sp.value[0]!.id,
      jobId: jobs.value[0]!.id,
      user: graphUser,
    });
    assert.equal(outcome?.status, 'done', outcome?.message);
    assert.equal(outcome.result?.request?.body['userName'], 'jordan.file@contoso.example');
    await previewText(outcome.uri!, (t) => t.includes('Jordan File'));
  });
});
