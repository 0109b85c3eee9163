// Tokenizes text with vscode-textmate + vscode-oniguruma (the TextMate engine VS Code itself runs), using our
// grammars as package.json contributes them and VS Code's own JSON grammar from the installed code-server.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';
import { codeServerCacheDir } from '../../runner/paths';
import { repoRoot } from './jsonSchemaHarness';

export const EXPRESSION_SCOPE = 'source.entra-expression';
export const INJECTION_SCOPE = 'entra-expression.injection.json';
export const JSON_SCOPE = 'source.json';

/** VS Code's JSON grammar as shipped in the code-server build the test runner installs (never a copy of our own). */
export const jsonGrammarPath = join(
  codeServerCacheDir,
  'node_modules',
  'code-server',
  'lib',
  'vscode',
  'extensions',
  'json',
  'syntaxes',
  'JSON.tmLanguage.json',
);

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

function grammarContributions(): GrammarContribution[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: GrammarContribution[] };
  };
  return manifest.contributes?.grammars ?? [];
}

let onigLoaded: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  // The WASM module can be loaded once per process.
  onigLoaded ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return onigLoaded;
}

/** A registry that resolves scope names the way VS Code does from grammar contributions (injectTo included). */
export function createRegistry(options: { withInjection: boolean } = { withInjection: true }): Registry {
  const contributions = grammarContributions();
  const files = new Map<string, string>(contributions.map((c) => [c.scopeName, join(repoRoot, c.path)]));
  files.set(JSON_SCOPE, jsonGrammarPath);
  return new Registry({
    onigLib: loadOniguruma().then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    })),
    loadGrammar: (scopeName) => {
      const file = files.get(scopeName);
      if (!file) return Promise.resolve(null);
      if (!existsSync(file)) {
        return Promise.reject(
          new Error(`grammar ${scopeName} not found at ${file}` + (scopeName === JSON_SCOPE ? ' (install code-server first: the test runner does)' : '')),
        );
      }
      return Promise.resolve(parseRawGrammar(readFileSync(file, 'utf8'), file));
    },
    getInjections: (scopeName) =>
      options.withInjection ? contributions.filter((c) => c.injectTo?.includes(scopeName)).map((c) => c.scopeName) : [],
  });
}

export interface Token {
  text: string;
  line: number;
  /** Scopes from the outermost (the grammar's scope) to the innermost. */
  scopes: string[];
}

export async function loadGrammar(registry: Registry, scopeName: string): Promise<IGrammar> {
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

export function tokenize(grammar: IGrammar, text: string): Token[] {
  const tokens: Token[] = [];
  let state: StateStack = INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      tokens.push({ text: lineText.slice(token.startIndex, token.endIndex), line, scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** The tokens whose text is exactly `text` (in order), failing clearly when there is none. */
export function tokensWithText(tokens: Token[], text: string): Token[] {
  const found = tokens.filter((t) => t.text === text);
  if (found.length === 0) {
    throw new Error(`no token "${text}" in:\n${tokens.map((t) => `  ${JSON.stringify(t.text)} ${t.scopes.join(' ')}`).join('\n')}`);
  }
  return found;
}

/** Innermost scopes of the tokens with text `text`: one entry per occurrence. */
export function innermost(tokens: Token[], text: string): string[] {
  return tokensWithText(tokens, text).map((t) => t.scopes[t.scopes.length - 1]!);
}

export function describeTokens(tokens: Token[]): string {
  return tokens.map((t) => `${t.line}: ${JSON.stringify(t.text)} → ${t.scopes.slice(1).join(' ')}`).join('\n');
}
