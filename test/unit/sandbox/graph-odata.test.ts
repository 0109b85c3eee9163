import assert from 'node:assert/strict';
import { FilterSyntaxError, parseFilter } from '../../../src/sandbox/graph/odata/filter';
import { matchesFilter } from '../../../src/sandbox/graph/odata/evaluate';
import { matchesSearch, parseSearch, SearchSyntaxError } from '../../../src/sandbox/graph/odata/search';

const sp = { id: 'a1', displayName: 'Workplace from Meta', appId: 'B2', tags: ['WindowsAzureActiveDirectoryIntegratedApp', 'HideApp'] };
const log = {
  jobId: 'scim.abc.def',
  activityDateTime: '2023-07-30T12:00:00.1234567Z',
  servicePrincipal: { id: 'ABC-123', displayName: 'Contoso HR' },
  provisioningAction: 'create',
  provisioningStatusInfo: { status: 'failure', errorInformation: null },
  durationInMilliseconds: 120,
};

function directory(filter: string, item: object = sp): boolean {
  return matchesFilter(parseFilter(filter), item, { caseInsensitive: true });
}
function logs(filter: string, item: object = log): boolean {
  return matchesFilter(parseFilter(filter), item, { caseInsensitive: false });
}

describe('sandbox Graph OData $filter', () => {
  it('evaluates eq, startswith, lambdas and in on directory objects, case-insensitively', () => {
    assert.equal(directory("displayName eq 'workplace from meta'"), true);
    assert.equal(directory("startswith(displayName,'WORK')"), true);
    assert.equal(directory("startswith(displayName, 'Meta')"), false);
    assert.equal(directory("tags/any(t:t eq 'HideApp')"), true);
    assert.equal(directory("tags/any(t: t eq 'Other')"), false);
    assert.equal(directory("id in ('zz', 'A1')"), true);
    assert.equal(directory("appId eq 'b2' and not (displayName eq 'x')"), true);
    assert.equal(directory("displayName eq 'x' or appId eq 'B2'"), true);
    assert.equal(directory("displayName ne null"), true);
  });

  it('evaluates the documented provisioning-log forms, case-sensitively, with date literals', () => {
    assert.equal(logs("jobid eq 'scim.abc.def'"), true, 'property names are case-insensitive');
    assert.equal(logs("jobId eq 'SCIM.abc.def'"), false, 'values are case-sensitive');
    assert.equal(logs("contains(tolower(servicePrincipal/id), 'abc-')"), true);
    assert.equal(logs("contains(servicePrincipal/id, 'abc')"), false);
    assert.equal(logs("provisioningStatusInfo/status eq 'failure' and provisioningAction eq 'create'"), true);
    assert.equal(logs('activityDateTime gt 2023-07-30 and activityDateTime lt 2023-07-31'), true);
    assert.equal(logs('activityDateTime gt 2023-07-30T12:00:01Z'), false);
    assert.equal(
      logs("((contains(tolower(servicePrincipal/id), 'zzz') or contains(tolower(servicePrincipal/displayName), 'contoso')) and activityDateTime gt 2023-07-29)"),
      true,
    );
    assert.equal(logs('durationInMilliseconds ge 120 and durationInMilliseconds lt 121'), true);
    assert.equal(logs("sourceIdentity/displayName eq 'x'"), false, 'a missing path reads as null');
  });

  it('parses quoted quotes and unquoted GUIDs', () => {
    assert.equal(directory("displayName eq 'O''Brien'", { displayName: "o'brien" }), true);
    assert.equal(directory('id eq 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', { id: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' }), true);
  });

  it('rejects malformed expressions with a positioned syntax error', () => {
    for (const bad of ["displayName eq", "displayName eq 'x", 'startswith(displayName)', "foo(displayName,'x')", "(displayName eq 'x'", "displayName eq 'x' 'y'", '', 'displayName % 2']) {
      assert.throws(() => parseFilter(bad), FilterSyntaxError, bad);
    }
  });
});

describe('sandbox Graph $search', () => {
  it('matches tokenized prefixes, ANDs adjacent clauses and ORs alternatives', () => {
    const user = { displayName: 'Ada Walsh', mail: 'ada.walsh@contoso.example' };
    const search = (text: string) => matchesSearch(parseSearch(text, ['displayName', 'mail']), user);
    assert.equal(search('"displayName:wal"'), true);
    assert.equal(search('"displayName:ada wa"'), true);
    assert.equal(search('"displayName:alsh"'), false, 'prefixes of words, not substrings');
    assert.equal(search('"displayName:zed" OR "mail:walsh"'), true);
    assert.equal(search('"displayName:ada" AND "mail:zed"'), false);
    assert.throws(() => parseSearch('displayName:ada', ['displayName']), SearchSyntaxError);
    assert.throws(() => parseSearch('"jobTitle:x"', ['displayName']), SearchSyntaxError);
    assert.throws(() => parseSearch('"displayName:x" OR', ['displayName']), SearchSyntaxError);
  });
});
