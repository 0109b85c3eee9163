// Plain-words explanations of Entra's AADSTS errors and of Graph 403s: each names the problem and who must do what.
import assert from 'node:assert/strict';
import { aadstsCodeOf, explainAadsts, explainAuthError, explainGraphPermissionError, graphCallNeeds } from '../../../src/auth/explainAuthError';
import { GraphError } from '../../../src/graph/errors';

describe('explainAuthError', () => {
  const context = { clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e', permissions: ['Synchronization.ReadWrite.All'] };

  it('finds the AADSTS code in msal errors: errorNo first, else the message', () => {
    assert.equal(aadstsCodeOf({ errorNo: '65001', message: 'AADSTS70011: x' }), 65001);
    assert.equal(aadstsCodeOf(new Error('invalid_grant: AADSTS50173: The provided grant has expired')), 50173);
    assert.equal(aadstsCodeOf(new Error('network down')), undefined);
    assert.equal(aadstsCodeOf(undefined), undefined);
  });

  const expectations: [number, RegExp[]][] = [
    [65001, [/consented/, /admin consent/, /Synchronization\.ReadWrite\.All/, /14d82eec/]],
    [90094, [/administrator to approve/, /Global Administrator, Privileged Role Administrator or Cloud Application Administrator/, /Grant admin consent/]],
    [90008, [/only an administrator can approve/, /admin consent/]],
    [50076, [/multi-factor authentication/, /Sign in again/]],
    [50079, [/register for multi-factor/]],
    [53003, [/Conditional Access/, /sign-in logs/]],
    [700016, [/was not found in this tenant/, /entraProvisioning\.cloud/]],
    [7000215, [/client secret is wrong/, /Value/, /Secret ID/]],
    [7000222, [/expired/, /new client secret/]],
    [50020, [/does not belong to the tenant/, /invite/]],
    [50034, [/does not exist in the tenant/]],
    [50126, [/username or password is wrong/]],
    [650057, [/does not list/, /API permissions/, /default client id/]],
    [70011, [/scope/, /entraProvisioning\.cloud/]],
    [7000218, [/Allow public client flows/]],
    [700027, [/certificate is not registered/]],
    [50173, [/revoked/, /Sign in again/]],
    [70020, [/code expired/]],
  ];
  for (const [code, patterns] of expectations) {
    it(`AADSTS${code}`, () => {
      const explained = explainAadsts(code, context);
      assert.ok(explained, `no explanation for ${code}`);
      const text = `${explained.problem} ${explained.fix}`;
      for (const pattern of patterns) assert.match(text, pattern);
    });
  }

  it('says which errors are solved by signing in again', () => {
    assert.equal(explainAadsts(50173)!.signInAgain, true);
    assert.equal(explainAadsts(65001)!.signInAgain, true);
    assert.equal(explainAadsts(90094)!.signInAgain, false);
    assert.equal(explainAadsts(12345), undefined);
  });

  it('builds one message with the code and correlation id; unknown codes keep Entra\'s first line only', () => {
    const known = Object.assign(new Error('invalid_client: AADSTS7000222: The provided client secret keys are expired.\r\nTrace ID: abc\r\nCorrelation ID: c-1'), {
      correlationId: 'c-1',
    });
    assert.match(explainAuthError(known), /^The client secret has expired\. .+ \(AADSTS7000222, correlation id c-1\)$/);
    const unknown = Object.assign(new Error('x'), { errorMessage: 'AADSTS99999: Something new.\r\nTrace ID: t\r\nTimestamp: now', errorNo: '99999' });
    assert.equal(explainAuthError(unknown), 'Something new. (AADSTS99999)');
    assert.equal(explainAuthError(new Error('fetch failed')), 'fetch failed');
  });
});

describe('explainGraphPermissionError', () => {
  const forbidden = (method: string, path: string) =>
    new GraphError('Insufficient privileges to complete the operation.', { kind: 'http', method, path, status: 403, code: 'Authorization_RequestDenied' });

  it('knows what each call needs (the version prefix does not matter)', () => {
    assert.deepEqual(graphCallNeeds('GET', '/v1.0/servicePrincipals/1/synchronization/jobs')?.permissions, ['Synchronization.Read.All']);
    assert.deepEqual(graphCallNeeds('POST', '/beta/servicePrincipals/1/synchronization/jobs/j/start')?.permissions, ['Synchronization.ReadWrite.All']);
    assert.deepEqual(graphCallNeeds('POST', '/v1.0/servicePrincipals/1/synchronization/jobs/j/schema/directories/d/discover')?.permissions, ['Directory.ReadWrite.All']);
    assert.deepEqual(graphCallNeeds('GET', '/v1.0/servicePrincipals?$top=5')?.permissions, ['Application.Read.All']);
    assert.deepEqual(graphCallNeeds('GET', '/v1.0/auditLogs/provisioning')?.permissions, ['AuditLog.Read.All', 'Directory.Read.All']);
    assert.deepEqual(graphCallNeeds('GET', '/v1.0/users')?.permissions, ['User.Read.All']);
    assert.equal(graphCallNeeds('GET', '/v1.0/me'), undefined);
  });

  it('a user: the permission and a role such as Application Administrator', () => {
    const text = explainGraphPermissionError(forbidden('POST', '/v1.0/servicePrincipals/1/synchronization/jobs/j/start'), { kind: 'user' })!;
    assert.match(text, /Microsoft Graph refused POST .+ \(Authorization_RequestDenied\)/);
    assert.match(text, /needs Synchronization\.ReadWrite\.All and a role such as Application Administrator/);
  });

  it('an app: the application permission with admin consent', () => {
    const text = explainGraphPermissionError(forbidden('GET', '/v1.0/auditLogs/provisioning'), { kind: 'app', clientId: 'abc' })!;
    assert.match(text, /app registration abc needs the Microsoft Graph application permission AuditLog\.Read\.All and Directory\.Read\.All/);
    assert.match(text, /Grant admin consent/);
  });

  it('leaves anything but a 403 alone', () => {
    const notFound = new GraphError('x', { kind: 'http', method: 'GET', path: '/v1.0/users', status: 404 });
    assert.equal(explainGraphPermissionError(notFound), undefined);
  });
});
