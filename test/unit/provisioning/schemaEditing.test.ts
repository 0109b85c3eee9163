import assert from 'node:assert/strict';
import type { SynchronizationSchema } from '../../../src/graph/model';
import {
  SCHEMA_FILE_NAME,
  canonicalJson,
  changesMappings,
  decideSave,
  describeBlockingProblems,
  lineColumnAt,
  locationKey,
  parseSchemaLocation,
  parseSchemaText,
  pulledFileName,
  schemaDocumentText,
  schemaFingerprint,
  schemaPath,
  schemaQuery,
  summarizeSchemaChanges,
  withoutAnnotations,
} from '../../../src/provisioning/schemaEditing';
import { TEMPLATES } from '../../../src/sandbox/tenant/templates';

const TENANT = '8d3f1c2e-5b6a-4c7d-9e8f-0a1b2c3d4e5f';
const SP = '11111111-2222-4333-8444-555555555555';
const JOB = 'Slack.0123456789abcdef0123456789abcdef.aaaabbbb-cccc-dddd-eeee-ffff00001111';

function scimSchema(): SynchronizationSchema {
  return TEMPLATES.get('scim')!.defaultSchema();
}

function userMapping(schema: SynchronizationSchema) {
  return schema.synchronizationRules[0]!.objectMappings[0]!;
}

describe('schema document locations', () => {
  it('round-trips tenant, service principal, job and account through the URI path and query', () => {
    const path = schemaPath({ tenantId: TENANT, servicePrincipalId: SP, jobId: JOB });
    assert.equal(path, `/${TENANT}/${SP}/${JOB}/${SCHEMA_FILE_NAME}`);
    assert.ok(path.endsWith('.provisioning.json'), 'the mapping language and the JSON Schema apply by file name');
    const query = schemaQuery({ accountId: 'abc123_-' });
    assert.deepEqual(parseSchemaLocation(path, query), { tenantId: TENANT, servicePrincipalId: SP, jobId: JOB, accountId: 'abc123_-' });
    assert.deepEqual(parseSchemaLocation(path), { tenantId: TENANT, servicePrincipalId: SP, jobId: JOB });
    assert.equal(schemaQuery({}), '');
  });

  it('refuses paths that are not a job schema and ids that could escape the path', () => {
    assert.equal(parseSchemaLocation(`/${TENANT}/${SP}/${JOB}`), undefined);
    assert.equal(parseSchemaLocation(`/${TENANT}/${SP}/${JOB}/other.json`), undefined);
    assert.equal(parseSchemaLocation(`/${TENANT}/../${JOB}/${SCHEMA_FILE_NAME}`), undefined);
    assert.equal(parseSchemaLocation(`/${TENANT}/${SP}/a b/${SCHEMA_FILE_NAME}`), undefined);
    assert.throws(() => schemaPath({ tenantId: TENANT, servicePrincipalId: '../x', jobId: JOB }));
  });

  it('keys a job case-insensitively across accounts', () => {
    assert.equal(locationKey({ tenantId: TENANT.toUpperCase(), servicePrincipalId: SP, jobId: JOB }), locationKey({ tenantId: TENANT, servicePrincipalId: SP, jobId: JOB }));
  });
});

describe('schema text and equality', () => {
  it('shows Graph\'s answer without OData annotations, 2-space indented, with a final newline', () => {
    const text = schemaDocumentText({ '@odata.context': 'https://graph/$metadata#x', directories: [], synchronizationRules: [{ id: 'r', '@odata.type': 'x' }] });
    assert.equal(text, '{\n  "directories": [],\n  "synchronizationRules": [\n    {\n      "id": "r"\n    }\n  ]\n}\n');
    assert.deepEqual(withoutAnnotations({ a: [{ '@odata.id': 1, b: 2 }] }), { a: [{ b: 2 }] });
  });

  it('compares schemas by content: key order, whitespace and annotations do not count; array order does', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    assert.equal(schemaFingerprint('{"a":1,"b":[1,2]}'), schemaFingerprint({ b: [1, 2], a: 1, '@odata.context': 'x' }));
    assert.notEqual(schemaFingerprint({ b: [1, 2] }), schemaFingerprint({ b: [2, 1] }));
    assert.equal(schemaFingerprint('not json'), schemaFingerprint('not json'));
    assert.match(schemaFingerprint({}), /^[0-9a-f]{64}$/);
  });
});

describe('decideSave', () => {
  const remote = scimSchema();
  const base = schemaFingerprint(remote);

  it('writes an edit when Entra still has what the edit started from', () => {
    const edited = scimSchema();
    userMapping(edited).attributeMappings.pop();
    const decision = decideSave({ baseFingerprint: base, remote, edited: JSON.stringify(edited) });
    assert.equal(decision.kind, 'write');
    assert.deepEqual(decision.kind === 'write' && decision.schema, edited);
  });

  it('writes nothing when the edit says what Entra has (whitespace or key order only)', () => {
    assert.deepEqual(decideSave({ baseFingerprint: base, remote, edited: schemaDocumentText(remote).replace(/\n/g, '\r\n') }), { kind: 'unchanged' });
  });

  it('reports a conflict when Entra changed since the edit started, never a silent overwrite', () => {
    const changedRemote = scimSchema();
    userMapping(changedRemote).enabled = false;
    const edited = scimSchema();
    userMapping(edited).attributeMappings.pop();
    assert.equal(decideSave({ baseFingerprint: base, remote: changedRemote, edited: JSON.stringify(edited) }).kind, 'conflict');
    // Without a known base (a file not pulled by us) there is nothing to compare with: write after confirmation.
    assert.equal(decideSave({ baseFingerprint: undefined, remote: changedRemote, edited: JSON.stringify(edited) }).kind, 'write');
  });

  it('refuses text that is not a whole schema (PUT replaces everything)', () => {
    assert.equal(decideSave({ baseFingerprint: base, remote, edited: '{ "directories": [' }).kind, 'invalid');
    assert.equal(decideSave({ baseFingerprint: base, remote, edited: '[]' }).kind, 'invalid');
    const partial = decideSave({ baseFingerprint: base, remote, edited: '{"directories": []}' });
    assert.equal(partial.kind, 'invalid');
    assert.match(partial.kind === 'invalid' ? partial.message : '', /synchronizationRules/);
    assert.ok('schema' in parseSchemaText('{"directories":[],"synchronizationRules":[],"@odata.context":"x"}'));
  });
});

describe('summarizeSchemaChanges', () => {
  it('names attribute mappings added, removed and changed per object mapping', () => {
    const before = scimSchema();
    const after = scimSchema();
    const users = userMapping(after);
    const email = users.attributeMappings.find((m) => m.targetAttributeName === 'emails[type eq "work"].value')!;
    email.source = { expression: 'Coalesce([mail], [userPrincipalName])', name: 'Coalesce', parameters: [], type: 'Function' };
    const removed = users.attributeMappings.splice(users.attributeMappings.findIndex((m) => m.targetAttributeName === 'title'), 1);
    assert.equal(removed.length, 1);
    users.attributeMappings.push({ ...email, targetAttributeName: 'nickName' });
    const lines = summarizeSchemaChanges(before, after);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /^Provision .*Users: /);
    assert.match(lines[0]!, /1 attribute mapping added \(nickName\)/);
    assert.match(lines[0]!, /1 attribute mapping removed \(title\)/);
    assert.match(lines[0]!, /1 attribute mapping changed \(emails\[type eq "work"\]\.value\)/);
    assert.equal(changesMappings(before, after), true);
  });

  it('reports scoping, switched-off object mappings and directory changes; nothing for equal schemas', () => {
    const before = scimSchema();
    assert.deepEqual(summarizeSchemaChanges(before, scimSchema()), []);
    const after = scimSchema();
    const groups = after.synchronizationRules[0]!.objectMappings[1]!;
    groups.enabled = !groups.enabled;
    userMapping(after).scope = { categoryFilterGroups: [], groups: [], inputFilterGroups: [] } as never;
    after.directories[1]!.objects[0]!.attributes.pop();
    const text = summarizeSchemaChanges(before, after).join('\n');
    assert.match(text, /switched (on|off)/);
    assert.match(text, /scoping filter changed/);
    assert.match(text, /Directories changed/);
    const onlyDirectories = scimSchema();
    onlyDirectories.directories[1]!.objects[0]!.attributes.pop();
    assert.equal(changesMappings(before, onlyDirectories), false);
  });

  it('shortens long name lists', () => {
    const before = scimSchema();
    const after = scimSchema();
    userMapping(after).attributeMappings = [];
    const line = summarizeSchemaChanges(before, after)[0]!;
    assert.match(line, /attribute mappings removed \([^)]*and \d+ more\)/);
  });
});

describe('save blockers and file names', () => {
  it('describes the first errors with their lines, in document order', () => {
    const text = describeBlockingProblems([
      { line: 30, column: 5, message: 'Unknown function  Coalesc.' },
      { line: 14, column: 9, message: 'Missing comma.' },
      { line: 40, column: 1, message: 'x' },
      { line: 41, column: 1, message: 'y' },
    ]);
    assert.equal(text, '4 errors — line 14, column 9: Missing comma.; line 30, column 5: Unknown function Coalesc.; line 40, column 1: x; and 1 more');
    assert.equal(describeBlockingProblems([{ line: 1, column: 2, message: 'm' }]), '1 error — line 1, column 2: m');
  });

  it('turns offsets into 1-based lines and columns', () => {
    assert.deepEqual(lineColumnAt('ab\ncd\nef', 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumnAt('ab\ncd\nef', 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumnAt('ab\r\ncd', 5), { line: 2, column: 2 });
  });

  it('names a pulled file after the app and the job template, safe for any file system', () => {
    assert.equal(pulledFileName('Slack (Sandbox workspace)', 'Slack'), 'Slack (Sandbox workspace) - Slack.provisioning.json');
    assert.equal(pulledFileName('Contoso: HR/Payroll', 'scim'), 'Contoso HR Payroll - scim.provisioning.json');
    assert.equal(pulledFileName('Zoom', 'Zoom'), 'Zoom.provisioning.json');
    assert.equal(pulledFileName('...', ''), 'schema.provisioning.json');
  });
});
