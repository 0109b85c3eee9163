// Fault injection as a client sees it on the wire: statuses, headers, envelopes, dropped and hung connections.
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../../src/sandbox/server';
import { appToken, clearFaults, injectFault, withSandbox } from '../../support/sandbox';

describe('sandbox fault injection over HTTP', function () {
  this.timeout(15_000);
  let sandbox: RunningSandbox;
  let token: string;
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${sandbox.info.graph}v1.0${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

  before(async () => {
    sandbox = await withSandbox();
    token = await appToken(sandbox);
  });
  after(() => sandbox.close());
  beforeEach(() => clearFaults(sandbox));

  it('throttle answers 429 with Retry-After and the Graph envelope, then lets requests through', async () => {
    await injectFault(sandbox, { kind: 'throttle', path: '^/servicePrincipals$', retryAfter: 7 });
    const throttled = await get('/servicePrincipals');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '7');
    const body = (await throttled.json()) as { error: { code: string; innerError: Record<string, string> } };
    assert.equal(body.error.code, 'TooManyRequests');
    assert.equal(body.error.innerError['request-id'], throttled.headers.get('request-id'));
    assert.equal((await get('/servicePrincipals')).status, 200);
  });

  it('error answers the chosen status; 503 carries Retry-After', async () => {
    await injectFault(sandbox, { kind: 'error', status: 503, method: 'GET' });
    const unavailable = await get('/servicePrincipals');
    assert.equal(unavailable.status, 503);
    assert.ok(unavailable.headers.get('retry-after'));
    await injectFault(sandbox, { kind: 'error' });
    assert.equal((await get('/servicePrincipals')).status, 500);
  });

  it('drop closes the connection without an answer', async () => {
    await injectFault(sandbox, { kind: 'drop', path: '^/servicePrincipals$' });
    await assert.rejects(get('/servicePrincipals'), /fetch failed/);
    assert.equal((await get('/servicePrincipals')).status, 200);
  });

  it('hang never answers until the client gives up', async () => {
    await injectFault(sandbox, { kind: 'hang', path: '^/servicePrincipals$' });
    await assert.rejects(get('/servicePrincipals', { signal: AbortSignal.timeout(300) }), /aborted|timeout/i);
  });

  it('applies to items inside $batch: a throttled item is a 429 item, a dropped one a 504 item', async () => {
    const sps = (await (await get('/servicePrincipals?$top=2')).json()) as { value: { id: string }[] };
    const [a, b] = sps.value;
    await injectFault(sandbox, { kind: 'throttle', path: `^/servicePrincipals/${a!.id}$`, retryAfter: 3 });
    await injectFault(sandbox, { kind: 'drop', path: `^/servicePrincipals/${b!.id}$` });
    const response = await fetch(`${sandbox.info.graph}v1.0/$batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        requests: [
          { id: 'a', method: 'GET', url: `/servicePrincipals/${a!.id}` },
          { id: 'b', method: 'GET', url: `/servicePrincipals/${b!.id}` },
          { id: 'c', method: 'GET', url: `/servicePrincipals/${a!.id}` },
        ],
      }),
    });
    assert.equal(response.status, 200);
    const { responses } = (await response.json()) as { responses: { id: string; status: number; headers: Record<string, string> }[] };
    const byId = Object.fromEntries(responses.map((r) => [r.id, r]));
    assert.equal(byId.a!.status + byId.c!.status, 429 + 200, 'exactly one of the two identical items was throttled');
    const throttled = byId.a!.status === 429 ? byId.a! : byId.c!;
    assert.equal(throttled.headers['Retry-After'], '3');
    assert.equal(byId.b!.status, 504);
  });

  it('lists rules with how often they fired and refuses malformed ones', async () => {
    await injectFault(sandbox, { kind: 'error', path: '^/users$', count: 2 });
    await get('/users');
    const listed = (await (await fetch(`${sandbox.origin}/_sandbox/faults`)).json()) as { value: { kind: string; fired: number }[] };
    assert.deepEqual(listed.value.map((r) => [r.kind, r.fired]), [['error', 1]]);
    for (const body of ['{ nope', JSON.stringify({ kind: 'explode' }), JSON.stringify({ kind: 'drop', path: '(' })]) {
      const refused = await fetch(`${sandbox.origin}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      assert.equal(refused.status, 400, body);
    }
  });
});
