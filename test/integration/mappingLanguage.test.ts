// Our language features on a real *.provisioning.json in a real VS Code: completion, hover, signature help, outline,
// diagnostics with exact ranges and the Coalesce quick fix — through the same commands VS Code's UI uses, so what is
// checked here is what a user sees (including VS Code's JSON service answering beside us).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AttributeMapping, SynchronizationSchema } from '../../src/graph/model';
import { toMappingSource } from '../../src/mapping/expression';
import { TEMPLATES } from '../../src/sandbox/tenant/templates';

const SOURCE = 'entra-provisioning';
const SETTLE_MS = 30_000;

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration runner opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'mapping-language-test', ...segments);
}

async function openFile(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** An expression mapping as Graph stores it: the text and its parse tree (a broken text gets a bare Function node). */
function expressionMapping(targetAttributeName: string, expression: string): AttributeMapping {
  let source: AttributeMapping['source'];
  try {
    source = toMappingSource(expression);
  } catch {
    source = { expression, name: expression.replace(/\(.*/s, ''), parameters: [], type: 'Function' };
  }
  return {
    defaultValue: null,
    exportMissingReferences: false,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    source,
    targetAttributeName,
  };
}

/**
 * A sandbox template's schema (Entra directory → the app's SCIM directory), as the extension shows a job's schema,
 * with extra user mappings appended.
 */
function templateDocument(templateId: string, ...extra: AttributeMapping[]): string {
  const schema: SynchronizationSchema = TEMPLATES.get(templateId)!.defaultSchema();
  schema.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.push(...extra);
  return JSON.stringify(schema, null, 2);
}

/** Offset of `needle` in the document (the `occurrence`-th, 0-based), plus `delta`. */
function offsetOf(document: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): number {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `${needle} (#${occurrence}) not in the document`);
  }
  return offset + delta;
}

/** `text` as it appears inside a JSON string literal of the document. */
function inJson(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Range of the last `needle` before `anchor` (in a mapping, `source` comes before `targetAttributeName`). */
function rangeBefore(document: vscode.TextDocument, needle: string, anchor: string): vscode.Range {
  const text = document.getText();
  const start = text.lastIndexOf(needle, offsetOf(document, anchor));
  assert.ok(start >= 0, `${needle} not before ${anchor}`);
  return new vscode.Range(document.positionAt(start), document.positionAt(start + needle.length));
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  return document.positionAt(offsetOf(document, needle, delta));
}

function rangeOf(document: vscode.TextDocument, needle: string, within?: string): vscode.Range {
  const base = within === undefined ? 0 : offsetOf(document, within);
  const start = document.getText().indexOf(needle, base);
  assert.ok(start >= 0, `${needle} not in the document`);
  return new vscode.Range(document.positionAt(start), document.positionAt(start + needle.length));
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function markdownOf(value: vscode.MarkdownString | vscode.MarkedString | string | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.value;
}

async function completionsAt(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger);
  return list.items;
}

async function hoverTextAt(document: vscode.TextDocument, position: vscode.Position): Promise<{ text: string; hovers: vscode.Hover[] }> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return { hovers, text: hovers.flatMap((h) => h.contents.map((c) => markdownOf(c as vscode.MarkdownString))).join('\n---\n') };
}

function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === SOURCE);
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function describe_(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => `${codeOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`));
}

/** Resolves with our diagnostics of `uri` once `accept` likes them (they are published ~200 ms after an edit). */
function ourDiagnosticsWhen(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const current = ours(vscode.languages.getDiagnostics(uri));
      if (!accept(current)) return;
      cleanup();
      resolve(current);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}; our diagnostics now: ${describe_(ours(vscode.languages.getDiagnostics(uri)))}`));
    }, SETTLE_MS);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

describe('Mapping language features (*.provisioning.json)', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  describe('completion', () => {
    let document: vscode.TextDocument;
    before(async () => {
      document = await openFile('completion.provisioning.json', templateDocument('scim', expressionMapping('', 'Coalesce([mail], )')));
    });

    it('offers the target object\'s SCIM attributes inside "targetAttributeName": ""', async () => {
      const items = await completionsAt(document, positionOf(document, '"targetAttributeName": ""', '"targetAttributeName": "'.length));
      const labels = items.map(labelOf);
      for (const expected of ['userName', 'emails[type eq "work"].value', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter']) {
        assert.ok(labels.includes(expected), `${expected} missing from ${labels.slice(0, 60).join(', ')}`);
      }
      const userName = items.find((item) => labelOf(item) === 'userName')!;
      assert.equal(userName.kind, vscode.CompletionItemKind.Field);
      assert.ok(userName.detail, 'the attribute shows its type');
    });

    it('offers Entra source attributes after "[" inside an expression', async () => {
      const position = positionOf(document, 'Coalesce([mail], )', 'Coalesce([mail], '.length);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, position, '[');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const items = await completionsAt(document, position.translate(0, 1), '[');
      const labels = items.map(labelOf);
      for (const expected of ['userPrincipalName', 'givenName', 'mail', 'IsSoftDeleted']) {
        assert.ok(labels.some((label) => label === expected || label === `[${expected}]`), `${expected} missing from ${labels.slice(0, 60).join(', ')}`);
      }
      const upn = items.find((item) => labelOf(item).replace(/^\[|\]$/g, '') === 'userPrincipalName')!;
      assert.equal(upn.kind, vscode.CompletionItemKind.Field);
      // The item replaces within the JSON string only: its range starts at or after the "[" just typed.
      const range = upn.range instanceof vscode.Range ? upn.range : upn.range?.replacing;
      assert.ok(range, 'the completion carries its range');
      assert.ok(range.start.isAfterOrEqual(position), `range starts at ${range.start.character}, "[" is at ${position.character}`);
      const undo = new vscode.WorkspaceEdit();
      undo.delete(document.uri, new vscode.Range(position, position.translate(0, 1)));
      assert.ok(await vscode.workspace.applyEdit(undo));
    });

    it('offers functions with signature snippets in an empty argument slot', async () => {
      const items = await completionsAt(document, positionOf(document, 'Coalesce([mail], )', 'Coalesce([mail], '.length));
      const byLabel = new Map(items.map((item) => [labelOf(item), item]));
      for (const name of ['Coalesce', 'Join', 'Replace', 'Switch', 'IIF']) assert.ok(byLabel.has(name), `${name} missing from ${[...byLabel.keys()].slice(0, 60).join(', ')}`);
      const coalesce = byLabel.get('Coalesce')!;
      assert.equal(coalesce.kind, vscode.CompletionItemKind.Function);
      assert.ok(coalesce.insertText instanceof vscode.SnippetString, 'a function inserts a snippet with its parameters');
      assert.match(coalesce.insertText.value, /^Coalesce\(\$\{1:source1\}/);
      assert.match(coalesce.detail ?? '', /^Coalesce\(/);
      // Attributes fit an argument slot too, brackets included.
      assert.ok(byLabel.has('[userPrincipalName]'), 'attributes in the slot');
    });

    it('renames a function at its name without repeating the parentheses', async () => {
      const items = await completionsAt(document, positionOf(document, '"Coalesce([mail]', 1));
      const join = items.find((item) => labelOf(item) === 'Join');
      assert.ok(join, `functions: ${items.map(labelOf).slice(0, 40).join(', ')}`);
      assert.equal(typeof join.insertText === 'string' ? join.insertText : join.insertText?.value, 'Join');
      const range = join.range instanceof vscode.Range ? join.range : join.range?.replacing;
      assert.deepEqual(range, rangeOf(document, 'Coalesce', '"Coalesce([mail]'));
    });

    it('leaves flowType values to the JSON schema: each offered once, with the schema\'s descriptions', async () => {
      const items = await completionsAt(document, positionOf(document, '"flowType": "Always"', '"flowType": "'.length));
      const values = items.map((item) => labelOf(item).replace(/^"|"$/g, ''));
      for (const value of ['Always', 'ObjectAddOnly', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly']) {
        assert.equal(values.filter((v) => v === value).length, 1, `${value} offered ${values.filter((v) => v === value).length} times: ${values.join(', ')}`);
      }
      const addOnly = items.find((item) => labelOf(item).replace(/^"|"$/g, '') === 'ObjectAddOnly')!;
      assert.match(markdownOf(addOnly.documentation as vscode.MarkdownString | undefined), /Only during creation/);
    });
  });

  describe('hover and signature help', () => {
    let document: vscode.TextDocument;
    before(async () => {
      document = await openFile('hover.provisioning.json', templateDocument('scim', expressionMapping('nickName', 'Replace([mail], "@contoso.com", , , "", , )')));
    });

    it('explains a function on hover, over its name', async () => {
      const position = positionOf(document, inJson('Join(" ", [givenName]'), 2);
      const { text, hovers } = await hoverTextAt(document, position);
      assert.match(text, /Join/);
      assert.match(text, /separator/i);
      const ourHover = hovers.find((h) => h.contents.some((c) => /separator/i.test(markdownOf(c as vscode.MarkdownString))));
      assert.deepEqual(ourHover?.range, rangeOf(document, 'Join', '"expression": "Join('));
    });

    it('explains a source attribute on hover', async () => {
      const { text } = await hoverTextAt(document, positionOf(document, '[userPrincipalName]', 3));
      assert.match(text, /userPrincipalName/);
      assert.match(text, /String/i);
    });

    it('leaves the explanation of a flowType value to the JSON schema: one hover, not two', async () => {
      const { hovers, text } = await hoverTextAt(document, positionOf(document, '"flowType": "Always"', '"flowType": "Al'.length));
      assert.equal(hovers.length, 1, text);
      assert.match(text, /update/i);
    });

    it('shows Replace\'s signature with the active parameter inside the call', async () => {
      const inside = positionOf(document, inJson('Replace([mail], "@contoso.com"'), 'Replace([mail], '.length);
      const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', document.uri, inside);
      assert.ok(help, 'signature help inside Replace(');
      const signature = help.signatures[help.activeSignature]!;
      assert.match(signature.label, /^Replace\(/);
      assert.ok(signature.parameters.length >= 7, `Replace has 7 parameters, got ${signature.parameters.length}`);
      assert.equal(help.activeParameter, 1);
      const first = await vscode.commands.executeCommand<vscode.SignatureHelp>(
        'vscode.executeSignatureHelpProvider',
        document.uri,
        positionOf(document, 'Replace([mail]', 'Replace('.length),
        '(',
      );
      assert.equal(first.activeParameter, 0);
    });
  });

  it('outlines rules → object mappings → attribute mappings', async () => {
    const document = await openFile('outline.provisioning.json', templateDocument('scim'));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    // VS Code's JSON service contributes its raw JSON tree beside ours; ours starts at the rule.
    const rule = symbols.find((s) => s.name === 'USER_OUTBOUND_USER');
    assert.ok(rule, `no rule symbol among ${symbols.map((s) => s.name).join(', ')}`);
    const users = rule.children.find((s) => /Users/.test(s.name));
    assert.ok(users, `object mappings: ${rule.children.map((s) => s.name).join(', ')}`);
    assert.ok(
      users.children.some((s) => s.name === 'emails[type eq "work"].value'),
      `attribute mappings: ${users.children.map((s) => s.name).join(', ')}`,
    );
    const userName = users.children.find((s) => s.name === 'userName')!;
    assert.deepEqual(userName.selectionRange, rangeOf(document, '"userName"', '"targetAttributeName": "userName"'));
  });

  describe('diagnostics and quick fixes', () => {
    let document: vscode.TextDocument;
    before(async () => {
      document = await openFile(
        'diagnostics.provisioning.json',
        // A Workplace from Meta (SCIM 2.0) job: there an email without a fallback is a warning (Workplace rejects the user).
        templateDocument('FacebookWorkplace', expressionMapping('nickName', 'Frobnicate([givenName])'), expressionMapping('profileUrl', 'Left([givenName], 2')),
      );
    });

    it('reports an unknown function at its name inside the expression', async () => {
      const diagnostics = await ourDiagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'unknown-function'), 'unknown-function');
      const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-function')!;
      assert.deepEqual(unknown.range, rangeOf(document, 'Frobnicate'));
      assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
      assert.match(unknown.message, /Frobnicate/);
    });

    it('reports a parse error inside the broken expression', async () => {
      const diagnostics = await ourDiagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'missing-close-paren'), 'missing-close-paren');
      const parse = diagnostics.find((d) => codeOf(d) === 'missing-close-paren')!;
      assert.equal(parse.severity, vscode.DiagnosticSeverity.Error);
      assert.match(parse.message, /Left/);
      // Where the ")" is missing: the end of the expression text, before the closing quote of the JSON string.
      const end = rangeOf(document, 'Left([givenName], 2').end;
      assert.deepEqual(parse.range, new vscode.Range(end, end));
    });

    it('warns about a Workplace email mapped from [mail] alone, and the quick fix adds the fallback', async () => {
      const emailsTarget = `"targetAttributeName": "${inJson('emails[type eq "work"].value')}"`;
      const mailRange = rangeBefore(document, '[mail]', emailsTarget);
      const isMailWarning = (d: vscode.Diagnostic): boolean => codeOf(d) === 'email-without-fallback' && d.range.isEqual(mailRange);
      let diagnostics = await ourDiagnosticsWhen(document.uri, (d) => d.some(isMailWarning), 'the [mail] warning');
      const warning = diagnostics.find(isMailWarning)!;
      assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        warning.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => /Coalesce/.test(a.title));
      assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(fix.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));

      const text = document.getText();
      const emails = text.slice(text.lastIndexOf('"source": {', offsetOf(document, emailsTarget)), offsetOf(document, emailsTarget));
      assert.match(emails, /"expression": "Coalesce\(\[mail\], ?\[userPrincipalName\]\)"/);
      diagnostics = await ourDiagnosticsWhen(document.uri, (d) => !d.some((x) => codeOf(x) === codeOf(warning)), 'the warning gone');
      // The other problems stay where they were.
      assert.ok(diagnostics.some((d) => codeOf(d) === 'unknown-function'), describe_(diagnostics));
    });

    it('clears its diagnostics when the document stops being a mapping document', async () => {
      // Changing the language closes the document and reopens it as plain text (VS Code disposes a model closed in
      // the editor only some time later, so the language switch is the deterministic way to see the close path).
      const closed = new Promise<void>((resolve) => {
        const subscription = vscode.workspace.onDidCloseTextDocument((d) => {
          if (d.uri.toString() === document.uri.toString()) {
            subscription.dispose();
            resolve();
          }
        });
      });
      const plain = await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
      await closed;
      assert.equal(plain.languageId, 'plaintext');
      await ourDiagnosticsWhen(document.uri, (d) => d.length === 0, 'no diagnostics once it is plain text');
      const json = await vscode.languages.setTextDocumentLanguage(plain, 'json');
      await ourDiagnosticsWhen(json.uri, (d) => d.some((x) => codeOf(x) === 'unknown-function'), 'diagnostics again as JSON');
    });
  });
});
