import assert from 'node:assert/strict';
import { runBatch, MAX_BATCH_REQUESTS } from '../../../src/sandbox/http/batch';
import type { SandboxRequest, SandboxResponse } from '../../../src/sandbox/http/router';

function batchRequest(body: unknown, authorization = 'Bearer abc'): SandboxRequest {
  return {
    method: 'POST',
    path: '/$batch',
    apiVersion: 'v1.0',
    query: new URLSearchParams(),
    headers: { authorization },
    body,
    rawBody: Buffer.alloc(0),
    params: {},
    origin: 'http://127.0.0.1:1',
    requestId: 'r',
    clientRequestId: 'c',
  };
}

interface ItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

describe('sandbox $batch', () => {
  it('dispatches each item with its path, query, body and the batch token, and answers 200 with every response', async () => {
    const seen: SandboxRequest[] = [];
    const dispatch = async (item: SandboxRequest): Promise<SandboxResponse> => {
      seen.push(item);
      return item.method === 'GET' ? { status: 200, body: { path: item.path } } : { status: 204 };
    };
    const result = await runBatch(
      batchRequest({
        requests: [
          { id: '1', method: 'GET', url: '/servicePrincipals?$top=5' },
          { id: '2', method: 'post', url: "servicePrincipals(appId='a-b')/synchronization/jobs/j/start", body: {}, headers: { 'Content-Type': 'application/json' } },
        ],
      }),
      dispatch,
    );
    assert.equal(result.status, 200);
    const responses = (result.body as { responses: ItemResponse[] }).responses;
    assert.deepEqual(
      responses.map((r) => [r.id, r.status]).sort(),
      [['1', 200], ['2', 204]],
    );
    assert.deepEqual(responses.find((r) => r.id === '1')?.body, { path: '/servicePrincipals' });
    assert.equal(responses.find((r) => r.id === '2')?.body, undefined, 'a 204 item has no body');
    const get = seen.find((r) => r.method === 'GET')!;
    assert.equal(get.query.get('$top'), '5');
    assert.equal(get.headers.authorization, 'Bearer abc');
    assert.equal(seen.find((r) => r.method === 'POST')!.path, '/servicePrincipals/a-b/synchronization/jobs/j/start');
  });

  it('runs dependents after their prerequisite and fails them with 424 when it failed', async () => {
    const order: string[] = [];
    const dispatch = async (item: SandboxRequest): Promise<SandboxResponse> => {
      order.push(item.path);
      return item.path === '/bad' ? { status: 404, body: { error: { code: 'x', message: 'y' } } } : { status: 200, body: {} };
    };
    const result = await runBatch(
      batchRequest({
        requests: [
          { id: 'c', method: 'GET', url: '/after-good', dependsOn: ['a'] },
          { id: 'a', method: 'GET', url: '/good' },
          { id: 'b', method: 'GET', url: '/bad' },
          { id: 'd', method: 'GET', url: '/after-bad', dependsOn: ['b'] },
        ],
      }),
      dispatch,
    );
    const responses = (result.body as { responses: ItemResponse[] }).responses;
    const status = Object.fromEntries(responses.map((r) => [r.id, r.status]));
    assert.deepEqual(status, { a: 200, b: 404, c: 200, d: 424 });
    assert.ok(order.indexOf('/good') < order.indexOf('/after-good'));
    assert.ok(!order.includes('/after-bad'), 'a dependent of a failed step is never run');
  });

  const invalid: [string, unknown, RegExp][] = [
    ['no requests array', { value: [] }, /Invalid batch payload/],
    ['more than 20 requests', { requests: Array.from({ length: MAX_BATCH_REQUESTS + 1 }, (_, i) => ({ id: String(i), method: 'GET', url: '/x' })) }, /maximum of 20/],
    ['duplicate ids', { requests: [{ id: '1', method: 'GET', url: '/x' }, { id: '1', method: 'GET', url: '/y' }] }, /duplicated/],
    ['unknown dependency', { requests: [{ id: '1', method: 'GET', url: '/x', dependsOn: ['9'] }] }, /unknown step/],
    ['a cycle', { requests: [{ id: '1', method: 'GET', url: '/x', dependsOn: ['2'] }, { id: '2', method: 'GET', url: '/y', dependsOn: ['1'] }] }, /circular/],
    ['a body without Content-Type', { requests: [{ id: '1', method: 'POST', url: '/x', body: {} }] }, /Content-Type/],
    ['an absolute url', { requests: [{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' }] }, /relative/],
  ];
  for (const [name, body, message] of invalid) {
    it(`rejects ${name} with 400 and the Graph error envelope`, async () => {
      const result = await runBatch(batchRequest(body), async () => ({ status: 200 }));
      assert.equal(result.status, 400);
      const error = (result.body as { error: { code: string; message: string; innerError: Record<string, string> } }).error;
      assert.equal(error.code, 'BadRequest');
      assert.match(error.message, message);
      assert.equal(error.innerError['request-id'], 'r');
    });
  }
});
