import assert from 'node:assert/strict';
import { parseOnDemandResponse } from '../../../../src/provisioning/onDemand';
import { classicFailure, classicRedundantExport, crossTenant, groupEmpty } from './fixtures';

describe('parseOnDemandResponse', () => {
  it('reads the classic shape: result, details, action, steps by phase, modified properties, identities', () => {
    const result = parseOnDemandResponse(classicRedundantExport);
    assert.equal(result.shape, 'classic');
    assert.equal(result.result, 'Skipped');
    assert.equal(result.details['errorCode'], 'RedundantExport');
    assert.equal(result.action, 'Other');
    assert.deepEqual(result.steps.map((s) => [s.name, s.phase, s.status]), [
      ['EntryImport', 'import', 'Success'],
      ['EntryImport', 'matching', 'Success'],
      ['EntrySynchronizationScoping', 'scoping', 'Success'],
      ['EntrySynchronizationSkip', 'export', 'Skipped'],
    ]);
    assert.equal(result.steps[2]!.details['IsInProvisioningScopeDisplayName'], 'True');
    assert.equal(result.steps[0]!.timestamp, '2020-06-26T13:58:24.5494971Z');
    assert.deepEqual(result.modifiedProperties[1], { displayName: 'displayName', oldValue: null, newValue: 'Bill Bob' });
    assert.equal(result.sourceIdentity?.type, 'User');
    assert.equal(result.targetIdentity?.type, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User');
    assert.equal(result.targetSystem?.name, 'customappsso');
    assert.deepEqual(result.scopeClauses, []);
    assert.equal(result.raw, undefined);
  });

  it('explains a skip through the error catalogue (RedundantExport: already in sync)', () => {
    const result = parseOnDemandResponse(classicRedundantExport);
    assert.equal(result.explanation?.code, 'RedundantExport');
    assert.equal(result.explanation?.known, true);
    assert.match(result.summary, /BillBob@contoso\.com was skipped: Already in sync/);
  });

  it('explains a failure: the statusInfo error code, Workplace 1789003 recognised in the reason, the service recommendation kept', () => {
    const result = parseOnDemandResponse(classicFailure);
    assert.equal(result.result, 'Failure');
    assert.equal(result.statusInfo?.errorCode, 'UnprocessableEntity');
    assert.equal(result.explanation?.title, 'Workplace: user from an unverified domain');
    assert.equal(result.explanation?.serviceRecommendation, 'Verify the domain in Workplace.');
    assert.deepEqual(result.scopeClauses, [{ clause: "Marketing department filter.department EQUALS 'Marketing'", passed: true }]);
    assert.match(result.summary, /failed/);
  });

  it('reads the cross-tenant shape: a type name as key, an array of records as value', () => {
    const result = parseOnDemandResponse(crossTenant);
    assert.equal(result.shape, 'statusInfoArray');
    assert.equal(result.result, 'Success', 'taken from statusInfo when the key has no result');
    assert.equal(result.action, 'Update');
    assert.equal(result.steps.length, 3);
    assert.deepEqual(result.modifiedProperties, [{ displayName: 'DisplayName', oldValue: null, newValue: 'Adele Vest' }]);
    assert.equal(result.related.length, 1);
    assert.equal(result.related[0]!.reportableIdentifier, 'second@chicago.example');
    assert.equal(result.explanation, undefined);
  });

  it('reads the group example ("{}" as value): success, no steps', () => {
    const result = parseOnDemandResponse(groupEmpty);
    assert.equal(result.result, 'Success');
    assert.equal(result.steps.length, 0);
    assert.equal(result.raw, undefined);
  });

  it('keeps text that is not JSON instead of dropping it', () => {
    const result = parseOnDemandResponse({ key: 'not json', value: 'neither' });
    assert.equal(result.result, 'Unknown');
    assert.deepEqual(result.raw, { key: 'not json', value: 'neither' });
  });

  it('survives wrong types: steps without fields, details with non-string values, step status from the log form', () => {
    const result = parseOnDemandResponse({
      key: JSON.stringify({ result: 'failure', details: { count: 3 } }),
      value: JSON.stringify({ provisioningSteps: [{ provisioningStepType: 'referenceResolution', status: 'skipped', details: { n: 1, o: null } }, 'junk'], statusInfo: 'junk' }),
    });
    assert.equal(result.result, 'Failure');
    assert.equal(result.details['count'], '3');
    assert.equal(result.steps.length, 1);
    assert.equal(result.steps[0]!.phase, 'action');
    assert.equal(result.steps[0]!.status, 'Skipped');
    assert.deepEqual(result.steps[0]!.details, { n: '1' });
    assert.equal(result.statusInfo, null);
  });
});
