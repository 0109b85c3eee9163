// GraphClient and sign-in meet at getAccessToken: when Graph refuses a token (401) the client asks once for a
// fresh one — passing on a Conditional Access claims challenge — and retries, instead of failing on a cached token.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphClient, type AccessTokenRequest } from '../../../src/graph/client';
import { GraphError } from '../../../src/graph/errors';

describe('GraphClient token renewal on 401', () => {
  let server: Server;
  let root: string;
  let answers: { status: number; headers?: Record<string, string> }[];
  let seenTokens: string[];

  beforeEach(async () => {
    answers = [];
    seenTokens = [];
    server = createServer((req, res) => {
      seenTokens.push(req.headers.authorization ?? '');
      const answer = answers.shift() ?? { status: 200 };
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(answer.status === 200 ? '{"value":[]}' : '{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('renews once with forceRefresh and the decoded claims challenge, then succeeds', async () => {
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    answers.push({ status: 401, headers: { 'WWW-Authenticate': `Bearer realm="", error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"` } });
    const requests: AccessTokenRequest[] = [];
    const client = new GraphClient({ root, getAccessToken: async (r) => (requests.push(r), `token-${requests.length}`) });
    await client.get('/servicePrincipals');
    assert.deepEqual(seenTokens, ['Bearer token-1', 'Bearer token-2']);
    assert.equal(requests[0]!.forceRefresh, undefined);
    assert.equal(requests[1]!.forceRefresh, true);
    assert.equal(requests[1]!.claims, claims);
  });

  it('a second 401 is the answer (no loop)', async () => {
    answers.push({ status: 401 }, { status: 401 });
    const client = new GraphClient({ root, getAccessToken: async () => 'token' });
    await assert.rejects(client.get('/servicePrincipals'), (error: unknown) => error instanceof GraphError && error.status === 401);
    assert.equal(seenTokens.length, 2);
  });
});
