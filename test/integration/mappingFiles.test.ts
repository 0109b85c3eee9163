// *.provisioning.json files in a real VS Code: the JSON language server picks up our schema from the jsonValidation
// contribution (offline: json.schemaDownload.enable is false in test runs), and reports, completes and explains.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SynchronizationSchema } from '../../src/graph/model';
import { TEMPLATES } from '../../src/sandbox/tenant/templates';

const SETTLE_MS = 30_000; // the JSON language server starts on the first JSON document; give it time on a slow machine

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration runner opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'mapping-files-test', ...segments);
}

async function writeFile(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** The JSON service's diagnostics of `uri`: the extension's own mapping analysis (mappingLanguage.test.ts) left out. */
function schemaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'entra-provisioning');
}

/** Resolves with the JSON service's diagnostics of `uri` once `accept` likes them (they arrive asynchronously). */
function diagnosticsWhen(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = schemaDiagnostics(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve([...current]);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const current = schemaDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
      reject(new Error(`timed out waiting for ${what} on ${uri.toString()}; diagnostics now: ${JSON.stringify(current)}`));
    }, SETTLE_MS);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

function scimSchema(): SynchronizationSchema {
  return TEMPLATES.get('scim')!.defaultSchema();
}

function rangeOf(document: vscode.TextDocument, text: string): vscode.Range {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `${text} not in the document`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

function markdownOf(value: vscode.MarkdownString | string | { language: string; value: string } | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.value;
}

describe('Mapping documents (*.provisioning.json) in VS Code', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('opens as JSON and shows schema errors for a bad enum value and a wrong type, at the values', async () => {
    const schema = scimSchema();
    const mappings = schema.synchronizationRules[0]!.objectMappings[0]!.attributeMappings as unknown as Record<string, unknown>[];
    mappings[1]!.flowType = 'Sometimes';
    mappings[2]!.matchingPriority = 'first';
    // A path like the extension's schema editor uses for a job: tenant/app/job/schema.provisioning.json.
    const uri = workspaceUri('contoso', 'workplace', 'job', 'schema.provisioning.json');
    const document = await writeFile(uri, JSON.stringify(schema, null, 2));
    assert.equal(document.languageId, 'json');

    const diagnostics = await diagnosticsWhen(uri, (d) => d.length >= 2, 'two schema errors');
    assert.equal(diagnostics.length, 2, diagnostics.map((d) => d.message).join('\n'));
    const byLine = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(byLine[0]!.range, rangeOf(document, '"Sometimes"'));
    assert.match(byLine[0]!.message, /ObjectAddOnly/);
    assert.deepEqual(byLine[1]!.range, rangeOf(document, '"first"'));
    assert.match(byLine[1]!.message, /integer/i);
    // VS Code's JSON service reports schema violations as warnings (syntax errors are errors).
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Warning), diagnostics.map((d) => d.severity).join(','));
  });

  it('shows no problem for a valid template schema, and reacts when an edit breaks it', async () => {
    const uri = workspaceUri('valid.provisioning.json');
    const document = await writeFile(uri, JSON.stringify(scimSchema(), null, 2));
    // Prove validation runs on this document: break it, see the error, undo, see it go.
    const flowType = rangeOf(document, '"Add, Update, Delete"');
    const breakIt = new vscode.WorkspaceEdit();
    breakIt.replace(uri, flowType, '"Add|Update"');
    assert.ok(await vscode.workspace.applyEdit(breakIt));
    const broken = await diagnosticsWhen(uri, (d) => d.length === 1, 'the flowTypes pattern error');
    assert.match(broken[0]!.message, /Add, Update, Delete/);

    const repair = new vscode.WorkspaceEdit();
    repair.replace(uri, rangeOf(document, '"Add|Update"'), '"Add, Update, Delete"');
    assert.ok(await vscode.workspace.applyEdit(repair));
    await diagnosticsWhen(uri, (d) => d.length === 0, 'no diagnostics');
  });

  it('validates documents of any URI scheme by file name, as the schema editor\'s virtual documents', async () => {
    const scheme = 'entra-provisioning-mapping-test';
    const text = JSON.stringify({ directories: [], synchronizationRules: [{ id: 'r', objectMappings: [], priority: 'high' }] }, null, 2);
    const registration = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => text });
    try {
      const uri = vscode.Uri.from({ scheme, path: '/contoso/app/job/schema.provisioning.json' });
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: false });
      assert.equal(document.languageId, 'json');
      const diagnostics = await diagnosticsWhen(uri, (d) => d.length > 0, 'a schema error on the virtual document');
      assert.deepEqual(diagnostics.map((d) => d.range), [rangeOf(document, '"high"')]);
    } finally {
      registration.dispose();
    }
  });

  it('completes flowType with its values and their descriptions', async () => {
    const text = JSON.stringify(
      { directories: [], synchronizationRules: [{ id: 'r', objectMappings: [{ sourceObjectName: 'User', targetObjectName: 'User', attributeMappings: [{ targetAttributeName: 'userName', flowType: '', matchingPriority: 1 }] }] }] },
      null,
      2,
    );
    const uri = workspaceUri('completion.provisioning.json');
    const document = await writeFile(uri, text);
    const position = rangeOf(document, '"flowType": ""').end.translate(0, -1); // between the empty quotes
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, '');
    const byLabel = new Map(list.items.map((item) => [labelOf(item), item]));
    for (const value of ['Always', 'ObjectAddOnly', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly']) {
      assert.ok(byLabel.has(value), `${value} missing from ${[...byLabel.keys()].join(', ')}`);
    }
    const addOnly = byLabel.get('ObjectAddOnly')!;
    const documentation = markdownOf(addOnly.documentation as vscode.MarkdownString | string | undefined);
    assert.match(documentation, /Only during creation/);
  });

  it('explains matchingPriority on hover', async () => {
    const uri = workspaceUri('hover.provisioning.json');
    const document = await writeFile(uri, JSON.stringify(scimSchema(), null, 2));
    const position = rangeOf(document, '"matchingPriority"').start.translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => markdownOf(c as vscode.MarkdownString))).join('\n');
    assert.match(text, /Matching precedence/);
    assert.match(text, /`1` — tried \*\*first\*\*/);
  });

  it('opens standalone .entra-expr files in the expression language', async () => {
    const uri = workspaceUri('display-name.entra-expr');
    const document = await writeFile(uri, 'Join(" ", [givenName], [surname])\n');
    assert.equal(document.languageId, 'entra-expression');
  });
});
