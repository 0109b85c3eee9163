import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError } from '@azure/msal-node';
import { FetchNetworkClient, isLoopbackHost, toWireUrl } from '../../../src/auth/networkClient';
import { buildMsalConfiguration, knownAuthoritiesFor } from '../../../src/auth/msalConfig';

describe('FetchNetworkClient (msal network hook)', () => {
  describe('the loopback rule', () => {
    it('speaks plain HTTP to https URLs on loopback hosts, on the same port', () => {
      assert.equal(toWireUrl('https://127.0.0.1:4321/t/v2.0/.well-known/openid-configuration'), 'http://127.0.0.1:4321/t/v2.0/.well-known/openid-configuration');
      assert.equal(toWireUrl('https://localhost:8080/x?a=1'), 'http://localhost:8080/x?a=1');
      assert.equal(toWireUrl('https://[::1]:9000/x'), 'http://[::1]:9000/x');
      assert.equal(toWireUrl('https://127.0.0.1/x'), 'http://127.0.0.1:443/x', 'the implicit https port stays the port');
    });

    it('leaves every other URL alone', () => {
      for (const url of [
        'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
        'http://127.0.0.1:4321/t/oauth2/v2.0/token',
        'https://10.0.0.5/x',
        'https://127.0.0.1.example.com/x',
        'not a url',
      ]) {
        assert.equal(toWireUrl(url), url);
      }
    });

    it('knows what loopback is', () => {
      for (const host of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) assert.ok(isLoopbackHost(host), host);
      for (const host of ['example.com', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '[::2]']) assert.ok(!isLoopbackHost(host), host);
    });
  });

  describe('requests', () => {
    let server: Server;
    let port: number;
    let answer: (path: string) => { status: number; body: string; contentType?: string };
    let seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[];

    before(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
          const reply = answer(req.url ?? '/');
          res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', 'X-Ms-Request-Id': 'r-1' });
          res.end(reply.body);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    beforeEach(() => {
      seen = [];
      answer = () => ({ status: 200, body: '{"ok":true}' });
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('GETs and POSTs with msal\'s headers and body, and returns {headers, body, status}', async () => {
      const client = new FetchNetworkClient();
      const got = await client.sendGetRequestAsync<{ ok: boolean }>(`https://127.0.0.1:${port}/meta`, { headers: { 'x-client-sku': 'msal.js.node' } });
      assert.deepEqual(got.body, { ok: true });
      assert.equal(got.status, 200);
      assert.equal(got.headers['x-ms-request-id'], 'r-1', 'header names are lowercase');
      assert.equal(seen[0]!.method, 'GET');
      assert.equal(seen[0]!.headers['x-client-sku'], 'msal.js.node');

      answer = () => ({ status: 400, body: '{"error":"invalid_grant"}' });
      const posted = await client.sendPostRequestAsync<{ error: string }>(`http://127.0.0.1:${port}/token`, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      assert.equal(posted.status, 400, 'error statuses are returned, not thrown: msal reads the error body');
      assert.equal(posted.body.error, 'invalid_grant');
      assert.equal(seen[1]!.body, 'grant_type=client_credentials');
    });

    it('a body that is not JSON is an msal token_parsing_error naming the request', async () => {
      answer = () => ({ status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' });
      await assert.rejects(new FetchNetworkClient().sendGetRequestAsync(`http://127.0.0.1:${port}/x`), (err: unknown) => {
        assert.ok(err instanceof AuthError);
        assert.equal(err.errorCode, 'token_parsing_error');
        assert.match(err.message, /GET http:\/\/127\.0\.0\.1:\d+\/x answered HTTP 502/);
        return true;
      });
    });

    it('a refused connection is an msal network_error with the cause', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const deadPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      await assert.rejects(new FetchNetworkClient().sendPostRequestAsync(`https://127.0.0.1:${deadPort}/token?client-request-id=1`, { body: '' }), (err: unknown) => {
        assert.ok(err instanceof AuthError);
        assert.equal(err.errorCode, 'network_error');
        assert.match(err.message, new RegExp(`POST http://127\\.0\\.0\\.1:${deadPort}/token failed: ECONNREFUSED`));
        return true;
      });
    });

    it('times out', async () => {
      const hanging = createServer(() => undefined);
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      const hangPort = (hanging.address() as AddressInfo).port;
      try {
        await assert.rejects(new FetchNetworkClient({ timeoutMs: 100 }).sendPostRequestAsync(`http://127.0.0.1:${hangPort}/token`), /timed out after 100 ms/);
        await assert.rejects(new FetchNetworkClient().sendGetRequestAsync(`http://127.0.0.1:${hangPort}/m`, {}, 50), /timed out after 50 ms/);
      } finally {
        hanging.closeAllConnections();
        await new Promise<void>((resolve) => hanging.close(() => resolve()));
      }
    });
  });
});

describe('buildMsalConfiguration', () => {
  it('declares non-Entra authority hosts as known authorities (no instance discovery on the internet)', () => {
    assert.deepEqual(knownAuthoritiesFor('https://127.0.0.1:4321/tenant'), ['127.0.0.1:4321']);
    assert.deepEqual(knownAuthoritiesFor('https://login.microsoftonline.com/organizations'), []);
    assert.deepEqual(knownAuthoritiesFor('https://login.microsoftonline.us/contoso.onmicrosoft.us'), []);
    assert.deepEqual(knownAuthoritiesFor('https://login.chinacloudapi.cn/common'), []);
  });

  it('builds auth and system options with the fetch network client', () => {
    const config = buildMsalConfiguration({ authority: 'https://127.0.0.1:4321/t', clientId: 'c', clientSecret: 's' });
    assert.equal(config.auth.authority, 'https://127.0.0.1:4321/t');
    assert.equal(config.auth.clientSecret, 's');
    assert.deepEqual(config.auth.knownAuthorities, ['127.0.0.1:4321']);
    assert.ok(config.system?.networkClient instanceof FetchNetworkClient);
    const withCert = buildMsalConfiguration({ authority: 'https://login.microsoftonline.com/t', clientId: 'c', certificate: { thumbprintSha256: 'AB', privateKey: 'pem' } });
    assert.deepEqual(withCert.auth.clientCertificate, { thumbprintSha256: 'AB', privateKey: 'pem' });
  });

  it('refuses what msal would refuse later, with a clearer message', () => {
    assert.throws(() => buildMsalConfiguration({ authority: 'http://127.0.0.1:4321/t', clientId: 'c' }), /must be an https URL/);
    assert.throws(() => buildMsalConfiguration({ authority: 'nope', clientId: 'c' }), /not a URL/);
    assert.throws(
      () => buildMsalConfiguration({ authority: 'https://x/t', clientId: 'c', clientSecret: 's', certificate: { thumbprintSha256: 'a', privateKey: 'b' } }),
      /not both/,
    );
  });

  it('passes msal log lines to the product logger, never the ones msal marks as containing PII', () => {
    const lines: string[] = [];
    const logger = { trace: (m: string) => lines.push(`trace ${m}`), debug: (m: string) => lines.push(`debug ${m}`), info: () => undefined, warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) };
    const callback = buildMsalConfiguration({ authority: 'https://x/t', clientId: 'c', logger }).system!.loggerOptions!.loggerCallback!;
    callback(0, 'boom', false);
    callback(1, 'careful', false);
    callback(2, 'step', false);
    callback(2, 'user@contoso.com', true);
    assert.deepEqual(lines, ['error msal: boom', 'warn msal: careful', 'debug msal: step']);
  });
});
