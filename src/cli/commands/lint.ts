// `entra-provisioning lint <file…> [--format text|json]`
// Checks synchronizationSchema documents (a job's schema JSON) the way the editor does: JSON syntax and the JSON
// Schema (vscode-json-languageservice with schemas/synchronization-schema.schema.json — what VS Code's JSON editor
// shows) plus the mapping analyzer's semantic diagnostics (expressions, attributes, matching, scoping, Workplace).
// Text output: `file:line:col: severity code message`; JSON output: one array of
// {file, line, column, endLine, endColumn, severity, code, message} (1-based; end exclusive).
// Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 bad options or a file that can't be read.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getLanguageService, TextDocument, type Diagnostic, type JSONSchema, type LanguageService } from 'vscode-json-languageservice';
import { CliError, parseCommandArgs } from '../command';
import { MappingAnalyzer } from '../../mapping/analysis/analyzer';
import type { MappingDiagnosticSeverity } from '../../mapping/analysis/types';

const HELP = `Usage: entra-provisioning lint <file…> [--format text|json]

Checks provisioning job schemas (synchronizationSchema JSON, e.g. exported with GET …/jobs/{id}/schema): JSON syntax,
the JSON Schema, and the mapping rules — expression syntax and functions, unknown source or target attributes,
duplicate targets, matching precedence, the 10,000-character limit, [mail] without a fallback, Workplace SCIM 1.0
names in a 2.0 job, scoping clauses.

Options:
  --format text|json   text (default): file:line:col: severity code message
                       json: [{file, line, column, endLine, endColumn, severity, code, message}] (1-based)
  -h, --help           show this help

Exit codes: 0 no errors (warnings don't fail), 1 errors found, 2 bad options or a file that can't be read.
`;

export interface LintProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: MappingDiagnosticSeverity;
  code: string;
  message: string;
}

const SCHEMA_FILE = join('schemas', 'synchronization-schema.schema.json');

/** The JSON Schema shipped next to the CLI: dist/cli.js → ../schemas, out/src/cli/commands → ../../../../schemas. */
function findSchema(): JSONSchema {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, SCHEMA_FILE);
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8')) as JSONSchema;
  }
  throw new CliError(`Can't find ${SCHEMA_FILE} next to the CLI (looked up from ${__dirname}).`);
}

function severityOf(diagnostic: Diagnostic): MappingDiagnosticSeverity {
  switch (diagnostic.severity) {
    case 1:
      return 'error';
    case 2:
      return 'warning';
    case 3:
      return 'information';
    default:
      return 'hint';
  }
}

/** JSON service codes 0x101–0x2FF are syntax problems (ErrorCode in vscode-json-languageservice); the rest are schema. */
function codeOf(diagnostic: Diagnostic): string {
  const code = typeof diagnostic.code === 'number' ? diagnostic.code : Number(diagnostic.code);
  return code >= 0x101 && code < 0x300 ? 'json-syntax' : 'json-schema';
}

function messageOf(diagnostic: Diagnostic): string {
  const message = diagnostic.message as unknown;
  return typeof message === 'string' ? message : ((message as { value?: string }).value ?? String(message));
}

/** JSON-Schema and semantic problems of one document, sorted by position. Hints (editor-only nudges) are left out. */
export async function lintText(file: string, text: string, service: LanguageService, schema: JSONSchema): Promise<LintProblem[]> {
  const document = TextDocument.create(`file:///lint/${encodeURIComponent(file)}`, 'json', 1, text);
  const jsonDiagnostics = await service.doValidation(
    document,
    service.parseJSONDocument(document),
    { schemaValidation: 'error', comments: 'error', trailingCommas: 'error', schemaRequest: 'ignore' },
    schema,
  );
  const analyzer = new MappingAnalyzer(text);
  const semantic = analyzer.diagnostics().filter((d) => d.severity !== 'hint');

  const problems: (LintProblem & { offset: number })[] = [];
  const position = (offset: number) => document.positionAt(offset);
  const semanticRanges = new Set(semantic.map((d) => `${d.start}:${d.end}`));
  for (const d of jsonDiagnostics) {
    const start = document.offsetAt(d.range.start);
    const end = document.offsetAt(d.range.end);
    // A schema enum mismatch our own check reports at the same place (with a quick fix) is said once.
    if (semanticRanges.has(`${start}:${end}`) && codeOf(d) === 'json-schema') continue;
    problems.push({
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: severityOf(d),
      code: codeOf(d),
      message: messageOf(d),
      offset: start,
    });
  }
  for (const d of semantic) {
    const start = position(d.start);
    const end = position(d.end);
    problems.push({
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
      offset: d.start,
    });
  }
  problems.sort((a, b) => a.offset - b.offset || a.column - b.column);
  return problems.map(({ offset: _offset, ...problem }) => problem);
}

function readDocument(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new Error('is a directory');
    return readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new Error(reason);
  }
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('lint', {
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json, not '${format}'.`);
  if (positionals.length === 0) throw new CliError('Missing the files to check. Usage: entra-provisioning lint <file…> [--format json]');

  const schema = findSchema();
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: false });

  const problems: LintProblem[] = [];
  let unreadable = 0;
  for (const file of positionals) {
    let text: string;
    try {
      text = readDocument(file);
    } catch (err) {
      unreadable++;
      process.stderr.write(`entra-provisioning lint: can't read ${file}: ${(err as Error).message}\n`);
      continue;
    }
    problems.push(...(await lintText(file, text, service, schema)));
  }

  if (format === 'json') process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
  else {
    for (const p of problems) process.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}\n`);
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.filter((p) => p.severity === 'warning').length;
    const checked = positionals.length - unreadable;
    process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${checked} file${checked === 1 ? '' : 's'}\n`);
  }
  if (unreadable > 0) return 2;
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}
