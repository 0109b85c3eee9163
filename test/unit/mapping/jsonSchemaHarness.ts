// Runs documents through vscode-json-languageservice — the engine VS Code's JSON language server uses — configured
// the way VS Code configures it from our package.json `jsonValidation` contribution. Tests then see the same
// diagnostics, completions and hovers a user sees in the editor.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as jsonc from 'jsonc-parser';
import {
  ClientCapabilities,
  getLanguageService,
  TextDocument,
  type CompletionItem,
  type Diagnostic,
  type JSONSchema,
  type LanguageService,
} from 'vscode-json-languageservice';

/** out/test/unit/mapping → the repository root. */
export const repoRoot = resolve(__dirname, '..', '..', '..', '..');
export const referenceDir = resolve(repoRoot, '..', 'shared', 'reference');

interface JsonValidationContribution {
  fileMatch: string | string[];
  url: string;
}

/** Our `jsonValidation` contributions, with `url` resolved to a file path as VS Code resolves `./` urls. */
export function jsonValidationContributions(): { fileMatch: string[]; path: string }[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes?: { jsonValidation?: JsonValidationContribution[] };
  };
  return (manifest.contributes?.jsonValidation ?? []).map((c) => ({
    fileMatch: typeof c.fileMatch === 'string' ? [c.fileMatch] : c.fileMatch,
    path: resolve(repoRoot, c.url),
  }));
}

export const schemaPath = join(repoRoot, 'schemas', 'synchronization-schema.schema.json');

export function loadSchema(): JSONSchema {
  return JSON.parse(readFileSync(schemaPath, 'utf8')) as JSONSchema;
}

/** A language service that knows our contributed schemas under their fileMatch patterns, like VS Code's. */
export function createLanguageService(): LanguageService {
  const service = getLanguageService({
    clientCapabilities: ClientCapabilities.LATEST,
    // Only our own files may be requested (the draft-07 meta-schema is built in); anything else is a test bug.
    schemaRequestService: (uri) => {
      const path = new URL(uri).pathname;
      return Promise.resolve(readFileSync(decodeURIComponent(path), 'utf8'));
    },
  });
  service.configure({
    validate: true,
    allowComments: false,
    schemas: jsonValidationContributions().map((c) => ({
      uri: pathToFileURL(c.path).toString(),
      // VS Code's JSON client prefixes patterns without a folder with "/" before handing them to the service.
      fileMatch: c.fileMatch.map((pattern) => (/^(\w+:\/\/|\/|!)/.test(pattern) ? pattern : `/${pattern}`)),
    })),
  });
  return service;
}

export interface Problem {
  /** JSON path of the node the diagnostic starts at, e.g. synchronizationRules/0/objectMappings/0/flowTypes. */
  path: string;
  message: string;
  diagnostic: Diagnostic;
}

let documentVersion = 0;

export function textDocument(text: string, fileName = 'test.provisioning.json'): TextDocument {
  const uri = fileName.includes(':') ? fileName : `file:///workspace/${fileName}`;
  return TextDocument.create(uri, 'json', ++documentVersion, text);
}

/** JSON path (slash-separated) of the innermost node at `offset`, property keys resolved to their values. */
export function pathAt(text: string, offset: number): string {
  const root = jsonc.parseTree(text);
  if (!root) return '';
  let node = jsonc.findNodeAtOffset(root, offset, true);
  if (!node) return '';
  if (node.parent?.type === 'property' && node.parent.children?.[0] === node) node = node.parent;
  return jsonc.getNodePath(node).join('/');
}

export async function validate(service: LanguageService, text: string, fileName?: string): Promise<Problem[]> {
  const document = textDocument(text, fileName);
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document), {
    schemaValidation: 'error',
    schemaRequest: 'error',
  });
  return diagnostics.map((diagnostic) => ({
    path: pathAt(text, document.offsetAt(diagnostic.range.start)),
    message: messageText(diagnostic),
    diagnostic,
  }));
}

function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** Validates `value` against one definition of our schema (for documented fragments such as an objectMapping). */
export async function validateAgainstDefinition(service: LanguageService, value: unknown, definition: string): Promise<Problem[]> {
  const schema = loadSchema();
  const fragmentSchema: JSONSchema = { definitions: schema.definitions, allOf: [{ $ref: `#/definitions/${definition}` }] };
  const text = JSON.stringify(value, null, 2);
  // A file name no fileMatch covers, so only the fragment schema applies.
  const document = textDocument(text, `fragment-${definition}.json`);
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document), { schemaValidation: 'error' }, fragmentSchema);
  return diagnostics.map((diagnostic) => ({
    path: pathAt(text, document.offsetAt(diagnostic.range.start)),
    message: messageText(diagnostic),
    diagnostic,
  }));
}

/** Completion at the `|` marker of `textWithCursor`; returns the items and the text without the marker. */
export async function completeAt(
  service: LanguageService,
  textWithCursor: string,
  fileName?: string,
): Promise<{ items: CompletionItem[]; text: string; offset: number; document: TextDocument }> {
  const offset = textWithCursor.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker in the test document');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const document = textDocument(text, fileName);
  const list = await service.doComplete(document, document.positionAt(offset), service.parseJSONDocument(document));
  return { items: list?.items ?? [], text, offset, document };
}

export async function hoverAt(service: LanguageService, textWithCursor: string): Promise<string> {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const document = textDocument(text);
  const hover = await service.doHover(document, document.positionAt(offset), service.parseJSONDocument(document));
  if (!hover) return '';
  const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/**
 * What VS Code inserts for a snippet when the user accepts every placeholder as offered: `${1:x}` → x (nested
 * placeholders resolved), `${1|a,b|}` → a, `$1` / `${1}` → nothing, `\$` `\}` `\\` → the character.
 */
export function expandSnippet(snippet: string): string {
  let out = '';
  let i = 0;
  const readPlaceholder = (): string => {
    // at "${" already consumed; read up to the matching "}"
    const digits = /^\d+/.exec(snippet.slice(i))?.[0] ?? '';
    i += digits.length;
    if (snippet[i] === '}') {
      i++;
      return '';
    }
    if (snippet[i] === '|') {
      const end = snippet.indexOf('|}', i + 1);
      const first = snippet.slice(i + 1, end).split(',')[0] ?? '';
      i = end + 2;
      return first;
    }
    if (snippet[i] === ':') {
      i++;
      let value = '';
      while (i < snippet.length && snippet[i] !== '}') value += readOne();
      i++; // the closing brace
      return value;
    }
    throw new Error(`unexpected snippet syntax at ${i}: ${snippet}`);
  };
  const readOne = (): string => {
    const c = snippet[i]!;
    if (c === '\\' && /[$}\\]/.test(snippet[i + 1] ?? '')) {
      i += 2;
      return snippet[i - 1]!;
    }
    if (c === '$' && snippet[i + 1] === '{') {
      i += 2;
      return readPlaceholder();
    }
    if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      i++;
      while (/\d/.test(snippet[i] ?? '')) i++;
      return '';
    }
    i++;
    return c;
  };
  while (i < snippet.length) out += readOne();
  return out;
}

/** Applies a completion item's edit (snippets expanded) to `text`. */
export function applyCompletion(text: string, document: TextDocument, item: CompletionItem): string {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) throw new Error(`completion "${item.label}" has no simple text edit`);
  const insert = item.insertTextFormat === 2 ? expandSnippet(edit.newText) : edit.newText;
  return text.slice(0, document.offsetAt(edit.range.start)) + insert + text.slice(document.offsetAt(edit.range.end));
}
