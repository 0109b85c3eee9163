import assert from 'node:assert/strict';
import {
  COALESCE_EMAIL_EXPRESSION,
  ERROR_CATALOG,
  explainProvisioningError,
} from '../../../src/provisioning/errorCatalog';
import { Tenant } from '../../../src/sandbox/tenant';

describe('explainProvisioningError', () => {
  it('knows every provisioning-log error code of the reference', () => {
    const codes = [
      'Conflict', 'EntryConflict', 'TooManyRequests', 'InternalServerError', 'InsufficientRights', 'MethodNotAllowed',
      'NotPermitted', 'Unauthorized', 'UnprocessableEntity', 'WebExceptionProtocolError', 'InvalidAnchor', 'NotImplemented',
      'MandatoryFieldsMissing', 'MissingValues', 'SchemaAttributeNotFound', 'InternalError', 'InvalidDomain', 'Timeout',
      'LicenseLimitExceeded', 'DuplicateTargetEntries', 'DuplicateSourceEntries', 'ImportSkipped', 'EntrySynchronizationSkipped',
      'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse', 'SystemForCrossDomainIdentityManagementServiceIncompatible',
      'SchemaPropertyCanOnlyAcceptValue', 'RedundantExport', 'SystemForCrossDomainIdentityManagementInvalidCredentials',
    ];
    for (const code of codes) {
      const e = explainProvisioningError({ errorCode: code, reason: 'x' });
      assert.equal(e.known, true, code);
      assert.equal(e.code, code);
      assert.ok(e.title && e.explanation, code);
    }
    for (const code of ['InternalServerError', 'WebExceptionProtocolError', 'InternalError', 'Timeout']) {
      assert.equal(explainProvisioningError({ errorCode: code }).transient, true, code);
    }
  });

  it('matches codes without regard to case', () => {
    assert.equal(explainProvisioningError({ code: 'invalidanchor' }).fixAction, 'restart');
  });

  it('recognises Workplace 1789003 by code or by message', () => {
    const byCode = explainProvisioningError({ errorCode: '1789003', reason: 'Bad request' });
    assert.equal(byCode.title, 'Workplace: user from an unverified domain');
    const byText = explainProvisioningError({ errorCode: 'WebExceptionProtocolError', reason: 'Workplace returned error 1789003' });
    assert.equal(byText.title, byCode.title);
    assert.match(byCode.explanation, /not verified/);
  });

  it('turns "Missing Email field" into the Coalesce mapping fix, with the email-less alternative', () => {
    const e = explainProvisioningError({ errorCode: 'MandatoryFieldsMissing', reason: 'Missing Email field: You must provide an email' });
    assert.equal(e.fixAction, 'editMapping');
    assert.deepEqual(e.mappingSuggestion, { targetAttribute: 'emails[type eq "work"].value', expression: COALESCE_EMAIL_EXPRESSION });
    assert.equal(COALESCE_EMAIL_EXPRESSION, 'Coalesce([mail],[userPrincipalName])');
    assert.match(e.fix!, /Coalesce\(\[mail\],\[userPrincipalName\]\)/);
    assert.equal(e.alternatives?.[0]?.fixAction, 'restart');
    assert.match(e.alternatives![0]!.fix, /email-less users in Workplace, then restart provisioning/);
  });

  it('explains email-less users: enable them in Workplace, then restart', () => {
    const e = explainProvisioningError({ code: 'UnprocessableEntity', message: 'Creating email-less users is not enabled for this community' });
    assert.equal(e.title, 'Workplace: email-less user');
    assert.equal(e.fixAction, 'restart');
  });

  it('explains the quarantine error of invalid credentials with the set-credentials action', () => {
    const e = explainProvisioningError({ code: 'SystemForCrossDomainIdentityManagementInvalidCredentials', message: 'Please provide a valid tenant URL' });
    assert.equal(e.fixAction, 'setCredentials');
    assert.match(e.fix!, /Test Connection/);
  });

  it('keeps Graph\'s own words for unknown codes', () => {
    const e = explainProvisioningError({ errorCode: 'SomethingNew', reason: 'It broke.', recommendedAction: 'Try turning it off and on.' });
    assert.equal(e.known, false);
    assert.equal(e.title, 'Error SomethingNew');
    assert.equal(e.explanation, 'It broke.');
    assert.equal(e.fix, 'Try turning it off and on.');
    assert.equal(e.serviceRecommendation, 'Try turning it off and on.');
    assert.equal(explainProvisioningError({}).explanation, 'Graph gave no details for this error.');
  });

  it('explains every error in the seed\'s provisioning logs', () => {
    const tenant = Tenant.seed('default', new Date('2026-11-03T12:00:00Z'));
    const infos = tenant.provisioningLogs().flatMap((e) => (e.provisioningStatusInfo.errorInformation ? [e.provisioningStatusInfo.errorInformation] : []));
    assert.ok(infos.length > 10);
    for (const info of infos) assert.equal(explainProvisioningError(info).known, true, info.errorCode ?? '');
    const titles = new Set(infos.map((i) => explainProvisioningError(i).title));
    assert.ok(titles.has('Workplace: user from an unverified domain'));
    assert.ok(titles.has('Workplace: missing email'));
    assert.ok(titles.has('The app has no licenses left'));
  });

  it('has only well-formed catalogue entries', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      assert.ok(entry.title.length > 3 && entry.explanation.length > 20, code);
      if (entry.fixAction) assert.ok(entry.fix, `${code} has an action without words`);
      if (entry.fixAction === 'editMapping' && entry.mappingSuggestion) assert.ok(entry.mappingSuggestion.expression);
    }
  });
});
