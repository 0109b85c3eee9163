// Markdown, snippets and signature labels for mapping functions, built once per function from the catalogue.
import { parameterAt, type FunctionParameter, type FunctionSignature, type MappingFunctionInfo } from '../catalog/functions';
import { jsonStringContent, snippetEscape } from './edits';

const AVAILABILITY_NOTE: Record<MappingFunctionInfo['availability'], string> = {
  documented: '',
  graph: 'Listed by Graph\'s functions endpoint; not in the function reference.',
  customizeAttributes: 'Documented in "Customize application attributes" only.',
  cloudSync: '**Cloud Sync only** — app provisioning doesn\'t offer it.',
};

const markdownCache = new Map<MappingFunctionInfo, string>();

function kindText(p: FunctionParameter): string {
  if (p.kind === 'Enum' && p.enumValues) return p.enumValues.join(' | ');
  return p.kind;
}

/** Hover / completion documentation of a function. */
export function functionMarkdown(info: MappingFunctionInfo): string {
  let text = markdownCache.get(info);
  if (text !== undefined) return text;
  const lines: string[] = ['```', ...info.signatures.map((s) => `${s.label} → ${info.returns}`), '```', '', info.summary];
  const note = AVAILABILITY_NOTE[info.availability];
  if (note) lines.push('', note);
  const parameters = info.signatures[0]!.parameters;
  if (parameters.length) {
    lines.push('');
    for (const p of parameters) lines.push(`- \`${p.label}\` (${kindText(p)}${p.required ? '' : ', optional'}${p.repeated ? ', repeatable' : ''}) — ${p.description}`);
  }
  const examples = info.examples.slice(0, 2);
  if (examples.length) {
    lines.push('', '**Example**');
    for (const e of examples) {
      const output = e.output === null ? (e.note ?? 'null') : JSON.stringify(e.output);
      lines.push('```', e.expression, '```', `→ ${output}`);
    }
  }
  text = lines.join('\n');
  markdownCache.set(info, text);
  return text;
}

const snippetCache = new Map<MappingFunctionInfo, string>();

/** Placeholder names for the argument slots a call starts with. */
export function snippetArguments(signature: FunctionSignature): string[] {
  const count =
    signature.repeatFrom !== undefined && signature.repeatSize === 1
      ? // One repeated parameter (Coalesce, Join, SelectUniqueValue): offer two of it.
        Math.max(signature.minArgs, signature.repeatFrom + 2)
      : signature.minArgs;
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const p = parameterAt(signature, i);
    if (!p) break;
    if (p.repeated && signature.repeatSize === 1) {
      const n = (seen.get(p.key) ?? 0) + 1;
      seen.set(p.key, n);
      names.push(`${p.key}${n}`);
    } else names.push(p.label);
  }
  return names;
}

/**
 * The completion snippet of a call, ready to insert into a JSON string literal: `Coalesce(${1:source1}, ${2:source2})`
 * (JSON-escaped, then snippet-escaped).
 */
export function functionSnippet(info: MappingFunctionInfo): string {
  let snippet = snippetCache.get(info);
  if (snippet !== undefined) return snippet;
  const escape = (text: string) => snippetEscape(jsonStringContent(text));
  const args = snippetArguments(info.signatures[0]!);
  snippet = args.length === 0 ? `${escape(info.name)}()` : `${escape(info.name)}(${args.map((a, i) => `\${${i + 1}:${escape(a)}}`).join(', ')})`;
  snippetCache.set(info, snippet);
  return snippet;
}

/** Offsets of each parameter label inside a signature label (`Mid(source, start, length)`). */
export function parameterLabelOffsets(signature: FunctionSignature): { start: number; end: number }[] {
  const label = signature.label;
  let from = label.indexOf('(') + 1;
  return signature.parameters.map((p) => {
    const at = label.indexOf(p.label, from);
    if (at < 0) return { start: from, end: from };
    from = at + p.label.length;
    return { start: at, end: at + p.label.length };
  });
}
