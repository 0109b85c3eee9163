import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cliProcess';

describe('entra-provisioning eval', function () {
  this.timeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), 'entra-eval-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const person = file(
    'person.json',
    JSON.stringify({
      givenName: 'John',
      surname: 'Doe',
      mail: null,
      userPrincipalName: 'John.Doe@contoso.com',
      proxyAddresses: ['SMTP:john@contoso.com', 'smtp:jd@contoso.com'],
      IsSoftDeleted: false,
      employeeNumber: 42,
    }),
  );

  it('prints a string result as JSON, reading attributes from --input', async () => {
    const r = await runCli(['eval', 'Coalesce([mail],[userPrincipalName])', '--input', person]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '"John.Doe@contoso.com"\n');
    assert.equal(r.stderr, '');
  });

  it('prints arrays for multi-valued results and null for NULL', async () => {
    const multi = await runCli(['eval', 'ToLower([proxyAddresses])', '--input', person]);
    assert.equal(multi.stdout, '["smtp:john@contoso.com","smtp:jd@contoso.com"]\n');
    const none = await runCli(['eval', '[mail]', '--input', person]);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, 'null\n');
  });

  it('turns JSON Booleans and numbers into the strings the service uses', async () => {
    assert.equal((await runCli(['eval', 'Not([IsSoftDeleted])', '--input', person])).stdout, '"True"\n');
    assert.equal((await runCli(['eval', 'Append([employeeNumber], "")', '--input', person])).stdout, '"42"\n');
  });

  it('evaluates without --input (every attribute absent)', async () => {
    const r = await runCli(['eval', 'Join(", ", "", "Doe", "John")']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '"Doe, John"\n');
  });

  it('uses --now for Now() and --seed for repeatable random values', async () => {
    const now = await runCli(['eval', 'Now()', '--now', '2021-07-02T15:33:38Z']);
    assert.equal(now.stdout, '"7/2/2021 3:33:38 PM"\n');
    const a = await runCli(['eval', 'RandomString(12,2,2,2,2)', '--seed', '7']);
    const b = await runCli(['eval', 'RandomString(12,2,2,2,2)', '--seed', '7']);
    assert.equal(a.stdout, b.stdout);
    assert.match(a.stdout, /^".{12}"\n$/);
  });

  it('tells SelectUniqueValue which values are taken', async () => {
    const r = await runCli(['eval', 'SelectUniqueValue("jdoe", "john.doe", "j.doe")', '--taken', 'jdoe', '--taken', 'john.doe']);
    assert.equal(r.stdout, '"j.doe"\n');
  });

  it('notes IgnoreFlowIfNullOrEmpty and Redact on stderr, keeping stdout JSON', async () => {
    const ignored = await runCli(['eval', 'IgnoreFlowIfNullOrEmpty([department])']);
    assert.equal(ignored.code, 0);
    assert.equal(ignored.stdout, 'null\n');
    assert.match(ignored.stderr, /would not be sent/);
    const redacted = await runCli(['eval', 'Redact("secret")']);
    assert.equal(redacted.stdout, '"secret"\n');
    assert.match(redacted.stderr, /\[Redact\]/);
  });

  it('prints the trace with --trace', async () => {
    const r = await runCli(['eval', 'Append([givenName], "!")', '--input', person, '--trace']);
    assert.equal(r.stdout, '"John!"\n');
    assert.match(r.stderr, /^Append\(\[givenName\], "!"\) → "John!"\n {2}\[givenName\] → "John"\n$/);
  });

  it('reads the expression from stdin with -', async () => {
    const r = await runCli(['eval', '-'], 'ToUpper("abc")\n');
    assert.equal(r.stdout, '"ABC"\n');
  });

  it('reports a syntax error with its 1-based column and a caret, exit 1', async () => {
    const r = await runCli(['eval', 'Append([mail], "x"']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "entra-provisioning eval: Missing ')' to close Append( (at column 19)\n  Append([mail], \"x\"\n                    ^\n");
  });

  it('reports evaluation errors at the offending node', async () => {
    const r = await runCli(['eval', 'Mid([givenName], 0, 2)', '--input', person]);
    assert.equal(r.code, 1);
    const [message, line, caret] = r.stderr.trimEnd().split('\n');
    assert.match(message!, /Mid: start is 1-based.*\(at column 18\)$/);
    assert.equal(line, '  Mid([givenName], 0, 2)');
    assert.equal(caret, `  ${' '.repeat(17)}^`);
    const unknown = await runCli(['eval', 'AppendSeparator([a], "x")']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown function 'AppendSeparator' \(at column 1\)\n {2}AppendSeparator\(\[a\], "x"\)\n {2}\^{15}\n$/);
  });

  it('gives line and column for multi-line expressions', async () => {
    const r = await runCli(['eval', 'Join(", ",\n  [a],\n  Foo([b]))']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /\(at line 3, column 3\)\n {2} {2}Foo\(\[b\]\)\)\n {2} {2}\^{3}\n$/);
  });

  it('exits 2 with one line for a missing, unreadable or invalid input file and bad options', async () => {
    const cases: [string[], RegExp][] = [
      [['eval', '[a]', '--input', join(dir, 'missing.json')], /Cannot read --input .*missing\.json: ENOENT/],
      [['eval', '[a]', '--input', file('bad.json', '{ not json')], /is not valid JSON/],
      [['eval', '[a]', '--input', file('array.json', '[1, 2]')], /must hold a JSON object/],
      [['eval', '[a]', '--input', file('nested.json', '{"a": {"b": 1}}')], /attribute "a" must be a string, number, boolean, null or an array/],
      [['eval', '[a]', '--now', 'yesterday'], /--now must be an ISO 8601/],
      [['eval', '[a]', '--seed', 'x'], /--seed must be a whole number/],
      [['eval'], /Missing the expression/],
      [['eval', '[a]', '[b]'], /Expected one expression/],
      [['eval', '[a]', '--frobnicate'], /Unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    }
  });

  it('has --help and is listed in the command overview', async () => {
    const help = await runCli(['eval', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--input FILE/);
    assert.match((await runCli(['--help'])).stdout, /eval\s+Evaluate an attribute-mapping expression/);
  });
});
