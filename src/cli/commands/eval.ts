// `entra-provisioning eval "<expression>" [--input object.json] [--now ISO] [--seed N] [--taken VALUE]… [--trace]`
// Evaluates a mapping expression the way the provisioning service would and prints the result as JSON (a string, an
// array of strings, or null) on stdout. A bad expression or a failing function prints the error with its column and a
// caret under the spot, exit 1; bad options or an unreadable input file, one line, exit 2.
import { readFileSync } from 'node:fs';
import { CliError, parseCommandArgs } from '../command';
import { sourceValueFromJson } from '../sourceValues';
import {
  EvaluationError,
  IGNORE_FLOW,
  describeValue,
  evaluate,
  seededRandom,
  type SourceValue,
  type Span,
  type TraceStep,
} from '../../mapping/expression';

const HELP = `Usage: entra-provisioning eval "<expression>" [options]

Evaluates an attribute-mapping expression and prints the result as JSON: a string, an array of strings (multi-valued)
or null. Pass - as the expression to read it from standard input.

Options:
  --input FILE           the source object: a JSON object of attribute values (string, number, boolean, null or an
                         array of them), e.g. {"givenName": "John", "proxyAddresses": ["SMTP:a@x.com"]}
  --now ISO              the clock for Now() (default: the current time), e.g. 2024-05-01T08:00:00Z
  --seed N               make Guid() and RandomString() repeatable
  --taken VALUE          a value that already exists in the target, for SelectUniqueValue (repeatable)
  --default-domain NAME  what DefaultDomain() returns
  --trace                also print every evaluation step on stderr
  -h, --help             show this help

Exit codes: 0 evaluated, 1 the expression is invalid or its evaluation failed, 2 bad options or input file.
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('eval', {
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      now: { type: 'string' },
      seed: { type: 'string' },
      taken: { type: 'string', multiple: true },
      'default-domain': { type: 'string' },
      trace: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new CliError(
      positionals.length === 0
        ? "Missing the expression. Usage: entra-provisioning eval \"<expression>\" [--input object.json] [--now ISO]"
        : `Expected one expression, got ${positionals.length} arguments (quote the expression).`,
    );
  }
  const expression = positionals[0] === '-' ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : positionals[0]!;
  const source = values.input !== undefined ? readInput(values.input) : {};
  const now = values.now !== undefined ? parseNow(values.now) : new Date();
  const seed = values.seed !== undefined ? parseSeed(values.seed) : undefined;

  const taken = new Set(values.taken ?? []);
  try {
    const result = evaluate(expression, {
      source,
      now,
      ...(seed !== undefined ? { random: seededRandom(seed) } : {}),
      isUnique: (value) => !taken.has(value),
      ...(values['default-domain'] ? { defaultDomain: values['default-domain'] } : {}),
    });
    if (values.trace) writeTrace(result.trace, expression);
    if (result.value === IGNORE_FLOW) {
      process.stderr.write('note: IgnoreFlowIfNullOrEmpty: the attribute would not be sent to the target.\n');
      process.stdout.write('null\n');
    } else {
      process.stdout.write(`${JSON.stringify(result.value)}\n`);
    }
    if (result.redacted) process.stderr.write('note: Redact(): provisioning logs would show [Redact] instead of this value.\n');
    return 0;
  } catch (err) {
    if (err instanceof EvaluationError) {
      if (values.trace && err.details.trace) writeTrace(err.details.trace, expression);
      throw new CliError(pointAt(expression, err.span, err.message), 1);
    }
    throw err;
  }
}

/** "message at column N" plus the expression's line and a caret under the span (1-based line/column). */
export function pointAt(expression: string, span: Span, message: string): string {
  const before = expression.slice(0, span.start);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = expression.indexOf('\n', lineStart);
  const text = expression.slice(lineStart, lineEnd < 0 ? expression.length : lineEnd).replace(/\r$/, '');
  const column = span.start - lineStart + 1;
  const width = Math.max(1, Math.min(span.end, lineStart + text.length) - span.start);
  const where = expression.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
  // Tabs keep their width in the caret line so the caret stays under the right character.
  const pad = text.slice(0, column - 1).replace(/[^\t]/g, ' ');
  return `${message} (at ${where})\n  ${text}\n  ${pad}${'^'.repeat(width)}`;
}

function readInput(path: string): Record<string, SourceValue> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read --input ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CliError(`--input ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CliError(`--input ${path} must hold a JSON object of attribute values, e.g. {"givenName": "John"}`);
  }
  const source: Record<string, SourceValue> = {};
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    const converted = sourceValueFromJson(value);
    if (converted === undefined) {
      throw new CliError(`--input ${path}: attribute "${name}" must be a string, number, boolean, null or an array of those`);
    }
    source[name] = converted;
  }
  return source;
}

function parseNow(text: string): Date {
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(d.getTime())) {
    throw new CliError(`--now must be an ISO 8601 date/time such as 2024-05-01T08:00:00Z, not '${text}'.`);
  }
  return d;
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) throw new CliError(`--seed must be a whole number from 0 to 4294967295, not '${text}'.`);
  return Number(text);
}

function writeTrace(trace: readonly TraceStep[], expression: string): void {
  for (const step of trace) {
    const text = expression.slice(step.span.start, step.span.end).replace(/\s+/g, ' ');
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    const outcome = step.error !== undefined ? `error: ${step.error}` : describeValue(step.result);
    process.stderr.write(`${'  '.repeat(step.depth)}${shown} → ${outcome}\n`);
  }
}
