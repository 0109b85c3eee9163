// `entra-provisioning lint` as a child process: JSON-Schema and semantic diagnostics, text and JSON output, exit codes,
// and a fuzz sample of mutated documents.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cliProcess';
import { pretty, templateDocuments, workplaceLegacyJob } from '../unit/mapping/analysis/documents';
import { documentWith, mappingOf, users } from '../unit/mapping/analysis/helpers';
import { mutatedDocuments } from '../unit/mapping/fuzzing';

interface Problem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

/** 1-based line/column of `offset` in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('entra-provisioning lint', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'entra-lint-'));
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('passes the sandbox templates (exit 0) and reports the Workplace job\'s [mail] warning at its line and column', async () => {
    const files = templateDocuments().map((d) => write(`${d.id}.provisioning.json`, d.text));
    const legacyText = pretty(workplaceLegacyJob());
    const legacy = write('workplace-legacy.provisioning.json', legacyText);
    const result = await runCli(['lint', ...files, legacy]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    // Two Workplace templates plus the seeded job; hints (the same mapping in generic SCIM apps) aren't printed.
    assert.equal(lines.length, 3, result.stdout);
    const at = lineColumn(legacyText, legacyText.indexOf('"expression": "[mail]"') + '"expression": "'.length);
    assert.ok(
      lines.includes(
        `${legacy}:${at.line}:${at.column}: warning email-without-fallback Users without a mailbox have no [mail]: Workplace rejects them with "Missing Email field: You must provide an email". Map Coalesce([mail],[userPrincipalName]) instead`,
      ),
      result.stdout,
    );
    assert.match(result.stderr, /0 errors, 3 warnings in 7 files/);
  });

  it('exits 1 on errors and prints JSON-Schema and semantic problems as JSON, 1-based', async () => {
    const text = documentWith((schema) => {
      users(schema).attributeMappings.push(mappingOf('nickName', 'Join(" ", [givenName])'));
      (users(schema).attributeMappings[0] as { flowType: string }).flowType = 'Sometimes';
    }).replace('"expression": "Join(\\" \\", [givenName])"', '"expression": "Joyn(\\" \\", [givenName])"');
    const file = write('errors.provisioning.json', text);
    const result = await runCli(['lint', '--format', 'json', file]);
    assert.equal(result.code, 1, result.stderr);
    const problems = JSON.parse(result.stdout) as Problem[];
    const schema = problems.find((p) => p.code === 'json-schema')!;
    assert.equal(schema.severity, 'error');
    const flow = lineColumn(text, text.indexOf('"Sometimes"'));
    assert.deepEqual([schema.line, schema.column], [flow.line, flow.column]);
    const unknown = problems.find((p) => p.code === 'unknown-function')!;
    const joyn = lineColumn(text, text.indexOf('Joyn'));
    assert.deepEqual(
      { file: unknown.file, line: unknown.line, column: unknown.column, endLine: unknown.endLine, endColumn: unknown.endColumn, severity: unknown.severity },
      { file, line: joyn.line, column: joyn.column, endLine: joyn.line, endColumn: joyn.column + 4, severity: 'error' },
    );
    assert.match(unknown.message, /Unknown function 'Joyn' — did you mean Join/);
  });

  it('reports JSON syntax errors with the semantic checks that still apply', async () => {
    const text = pretty(workplaceLegacyJob()).replace('"enabled": true', '"enabled": tru');
    const result = await runCli(['lint', write('broken.provisioning.json', text)]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /: error json-syntax /);
    assert.match(result.stdout, /: warning email-without-fallback /);
  });

  it('says clearly when a file can\'t be read (exit 2) and still checks the others', async () => {
    const good = write('good.provisioning.json', templateDocuments()[0]!.text);
    const missing = join(dir, 'missing.json');
    const result = await runCli(['lint', missing, good]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`can't read ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file`));
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace');
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    assert.equal((await runCli(['lint', folder])).code, 2);
  });

  it('rejects bad usage with exit 2 and prints help', async () => {
    assert.equal((await runCli(['lint'])).code, 2);
    const bad = await runCli(['lint', '--format', 'xml', 'x.json']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be text or json/);
    const help = await runCli(['lint', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: entra-provisioning lint/);
    assert.match((await runCli(['--help'])).stdout, /lint/);
  });

  it('fuzz sample: mutated documents through the CLI never crash it', async () => {
    const files = mutatedDocuments(4_242, 40).map((text, i) => write(`fuzz-${i}.provisioning.json`, text));
    const started = Date.now();
    const result = await runCli(['lint', '--format', 'json', ...files]);
    assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr.slice(0, 2000)}`);
    const problems = JSON.parse(result.stdout) as Problem[];
    assert.ok(problems.length > 0);
    for (const p of problems) assert.ok(p.line >= 1 && p.column >= 1 && p.endLine >= p.line, JSON.stringify(p));
    assert.ok(Date.now() - started < 30_000);
  });
});
