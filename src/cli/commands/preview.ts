// `entra-provisioning preview --schema FILE --input FILE [--rule ID] [--object User|Group] [--action create|update] …`
// Applies a job schema's object mapping to one source object with the preview engine (src/mapping/preview) — the one the
// sandbox and the VS Code preview use — and prints the SCIM request the provisioning service would send, as JSON.
//
// --input is either a Graph object (as GET /users/{id} or /groups/{id} returns it) or an already-flat object of Entra
// attribute names (`{"surname": …, "telephoneNumber": …, "IsSoftDeleted": false}`). Auto-detection: it is a Graph
// object when it has an `@odata.*` key, an `id` without an `objectId`, or a property only Graph has (businessPhones,
// mobilePhone, officeLocation, faxNumber, onPremisesExtensionAttributes, employeeOrgData); --input-format overrides.
//
// Exit codes: 0 request printed; 1 bad options or input (unreadable file, malformed JSON with its line and column,
// unknown rule id — the rule ids are listed, no object mapping for the object); 2 the object is out of scope (stdout
// `null`, the scoping reason on stderr); 3 request printed, but some attribute's expression failed (listed on stderr).
import { readFileSync } from 'node:fs';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { CliError, parseCommandArgs } from '../command';
import { sourceValueFromJson } from '../sourceValues';
import type { SynchronizationSchema } from '../../graph/model';
import { seededRandom, type SourceValue } from '../../mapping/expression';
import {
  PreviewError,
  previewObject,
  sourceFromGraphGroup,
  sourceFromGraphUser,
  type PreviewOptions,
  type SourceObject,
} from '../../mapping/preview';

const HELP = `Usage: entra-provisioning preview --schema FILE --input FILE [options]

Applies a provisioning job's attribute mappings (synchronizationSchema JSON, e.g. GET …/jobs/{id}/schema) to one
source object and prints the SCIM request the provisioning service would send: {"method", "path", "body"}.

Options:
  --schema FILE          the job schema (a synchronizationSchema, or an object with it under "schema")
  --input FILE           the source object: a Graph user/group as GET /users/{id} returns it (optionally with
                         $expand=manager), or a flat object of Entra attribute names, e.g.
                         {"userPrincipalName": "a@contoso.com", "telephoneNumber": "+1 555 0100", "IsSoftDeleted": false}
  --input-format F       auto (default) | graph | flat — how to read --input (auto: Graph when it has @odata.* keys,
                         an "id" but no "objectId", or Graph-only properties such as businessPhones)
  --rule ID              the synchronizationRule (default: the first); an unknown id lists the schema's rule ids
  --object NAME          the source object: User (default) or Group
  --action A             create (default: POST) or update (PATCH)
  --current FILE         for update: the target's current SCIM resource; only differences are sent
  --target-id ID         for update: the SCIM id in the PATCH path (default: {id})
  --not-assigned         preview an object that is not assigned to the app (out of scope)
  --now ISO              the clock for Now() (default: the current time), e.g. 2024-05-01T08:00:00Z
  --seed N               make Guid() and RandomString() repeatable
  --default-domain NAME  what DefaultDomain() returns
  --full                 print the whole preview (scoping, matching, every attribute with its value) instead
  -h, --help             show this help

Exit codes: 0 request printed; 1 bad options or input file; 2 out of scope (prints null; the reason on stderr);
3 request printed but an attribute's expression failed (errors on stderr).
`;

function fail(message: string): never {
  throw new CliError(message, 1);
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('preview', {
    args,
    allowPositionals: false,
    options: {
      schema: { type: 'string' },
      input: { type: 'string' },
      'input-format': { type: 'string' },
      rule: { type: 'string' },
      object: { type: 'string' },
      action: { type: 'string' },
      current: { type: 'string' },
      'target-id': { type: 'string' },
      'not-assigned': { type: 'boolean' },
      now: { type: 'string' },
      seed: { type: 'string' },
      'default-domain': { type: 'string' },
      full: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }, 1);
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.schema === undefined) fail('Missing --schema FILE (the job schema JSON). Run \'entra-provisioning preview --help\'.');
  if (values.input === undefined) fail('Missing --input FILE (the source user or group as JSON). Run \'entra-provisioning preview --help\'.');
  const object = normaliseObject(values.object);
  const action = values.action ?? 'create';
  if (action !== 'create' && action !== 'update') fail(`--action must be create or update, not '${action}'.`);
  const format = values['input-format'] ?? 'auto';
  if (format !== 'auto' && format !== 'graph' && format !== 'flat') fail(`--input-format must be auto, graph or flat, not '${format}'.`);
  if (values.current !== undefined && action !== 'update') fail('--current only applies to --action update.');

  const schema = readSchema(values.schema);
  const input = readObject(values.input, '--input');
  const source = toSource(input, object, format, values.input);
  const options: PreviewOptions = {
    sourceObjectName: object,
    action,
    isAssigned: !values['not-assigned'],
    ...(values.rule !== undefined ? { ruleId: values.rule } : {}),
    ...(values.current !== undefined ? { current: readObject(values.current, '--current') } : {}),
    ...(values['target-id'] !== undefined ? { targetId: values['target-id'] } : {}),
    ...(values.now !== undefined ? { now: parseNow(values.now) } : {}),
    ...(values.seed !== undefined ? { random: seededRandom(parseSeed(values.seed)) } : {}),
    ...(values['default-domain'] ? { defaultDomain: values['default-domain'] } : {}),
  };

  let result;
  try {
    result = previewObject(schema, source, options);
  } catch (err) {
    if (err instanceof PreviewError) fail(err.message);
    throw err;
  }

  process.stdout.write(`${JSON.stringify(values.full ? result : result.request, null, 2)}\n`);
  if (!result.scoping.inScope) {
    process.stderr.write(`out of scope: ${result.scoping.reason}\n`);
    return 2;
  }
  const failed = result.attributes.filter((a) => a.reason === 'error');
  for (const a of failed) process.stderr.write(`error: ${a.targetAttributeName}: ${a.error?.message ?? 'evaluation failed'} (expression: ${a.expression})\n`);
  return failed.length > 0 ? 3 : 0;
}

function normaliseObject(value: string | undefined): 'User' | 'Group' {
  if (value === undefined || value.toLowerCase() === 'user') return 'User';
  if (value.toLowerCase() === 'group') return 'Group';
  return fail(`--object must be User or Group, not '${value}'.`);
}

function readText(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(`Cannot read ${option} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}.`);
  }
}

/** What went wrong, in words, by jsonc-parser's error code names. */
const JSON_PROBLEMS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  ValueExpected: 'a value was expected',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the text goes on after the JSON value',
  UnexpectedEndOfString: 'a string is not closed',
  InvalidCommentToken: 'JSON has no comments',
};

/** JSON.parse, and on failure the first problem with its line and column (1-based), found by jsonc-parser. */
function parseJson(text: string, path: string, option: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const first = errors[0];
    if (!first) return fail(`${option} ${path} is not valid JSON: ${(err as Error).message.split('\n')[0]}`);
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length;
    const column = first.offset - before.lastIndexOf('\n');
    return fail(`${option} ${path} is not valid JSON at line ${line}, column ${column}: ${JSON_PROBLEMS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error)}.`);
  }
}

function readObject(path: string, option: string): Record<string, unknown> {
  const data = parseJson(readText(path, option), path, option);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail(`${option} ${path} must hold a JSON object.`);
  return data as Record<string, unknown>;
}

function readSchema(path: string): SynchronizationSchema {
  const data = readObject(path, '--schema');
  const schema = Array.isArray(data['synchronizationRules']) ? data : (data['schema'] as Record<string, unknown> | undefined);
  if (!schema || typeof schema !== 'object' || !Array.isArray(schema['synchronizationRules'])) {
    fail(`--schema ${path} is not a synchronizationSchema (no "synchronizationRules" array at the top or under "schema").`);
  }
  return schema as unknown as SynchronizationSchema;
}

const GRAPH_ONLY = ['businessPhones', 'mobilePhone', 'officeLocation', 'faxNumber', 'onPremisesExtensionAttributes', 'employeeOrgData'];

/** Whether --input looks like a Graph object rather than flat Entra attribute names (see the header comment). */
export function looksLikeGraph(input: Record<string, unknown>): boolean {
  const keys = Object.keys(input);
  if (keys.some((k) => k.startsWith('@odata.'))) return true;
  if ('objectId' in input) return false;
  if (typeof input['id'] === 'string') return true;
  return GRAPH_ONLY.some((k) => k in input);
}

function toSource(input: Record<string, unknown>, object: 'User' | 'Group', format: string, path: string): SourceObject {
  const graph = format === 'graph' || (format === 'auto' && looksLikeGraph(input));
  if (graph) return object === 'Group' ? sourceFromGraphGroup(input) : sourceFromGraphUser(input);
  const source: Record<string, SourceValue> = {};
  for (const [name, value] of Object.entries(input)) {
    const converted = sourceValueFromJson(value);
    if (converted === undefined) {
      fail(`--input ${path}: attribute "${name}" must be a string, number, boolean, null or an array of those (use --input-format graph for a Graph object).`);
    }
    source[name] = converted;
  }
  return source;
}

function parseNow(text: string): Date {
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(d.getTime())) fail(`--now must be an ISO 8601 date/time such as 2024-05-01T08:00:00Z, not '${text}'.`);
  return d;
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) fail(`--seed must be a whole number from 0 to 4294967295, not '${text}'.`);
  return Number(text);
}
