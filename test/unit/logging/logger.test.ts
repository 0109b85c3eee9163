import assert from 'node:assert/strict';
import { redactSecrets, redactingLogger, type Logger } from '../../../src/logging/logger';

describe('logger redaction', () => {
  const cases: [string, string][] = [
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-part_1', 'eyJhbGciOiJIUzI1NiJ9'],
    ['client_secret=s3cr3t-VALUE&grant_type=client_credentials', 's3cr3t-VALUE'],
    ['{"access_token":"abc.def.ghi","refresh_token":"rt-123"}', 'rt-123'],
    ['{"key":"SecretToken","value":"x"} SecretToken: tok-999', 'tok-999'],
    ['token eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.', 'eyJvaWQiOiJ4In0'],
  ];
  for (const [input, secret] of cases) {
    it(`removes the secret from: ${input.slice(0, 40)}…`, () => {
      const out = redactSecrets(input);
      assert.ok(!out.includes(secret), out);
      assert.match(out, /redacted/);
    });
  }

  it('keeps ordinary request lines intact', () => {
    const line = 'GET /v1.0/servicePrincipals?$top=100 200 35ms request-id=8d0f';
    assert.equal(redactSecrets(line), line);
  });

  it('redacts every level before it reaches the sink', () => {
    const written: string[] = [];
    const sink: Logger = {
      trace: (m) => written.push(m),
      debug: (m) => written.push(m),
      info: (m) => written.push(m),
      warn: (m) => written.push(m),
      error: (m) => written.push(m),
    };
    const logger = redactingLogger(sink);
    for (const level of ['trace', 'debug', 'info', 'warn', 'error'] as const) logger[level]('password=hunter2');
    assert.equal(written.length, 5);
    assert.ok(written.every((m) => !m.includes('hunter2')));
  });
});
