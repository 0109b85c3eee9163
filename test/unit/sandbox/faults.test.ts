import assert from 'node:assert/strict';
import { FaultInjector } from '../../../src/sandbox/faults';

describe('sandbox fault injection rules', () => {
  it('fires only on matching method and path, count times, after letting `after` requests through', () => {
    const faults = new FaultInjector();
    faults.add({ kind: 'throttle', method: 'get', path: '/jobs$', count: 2, after: 1, retryAfter: 3 });
    assert.equal(faults.take('POST', '/sp/jobs'), undefined, 'other method');
    assert.equal(faults.take('GET', '/sp/jobs/x'), undefined, 'other path');
    assert.equal(faults.take('GET', '/sp/jobs'), undefined, 'first one let through');
    const fired = faults.take('GET', '/sp/jobs');
    assert.equal(fired?.kind, 'throttle');
    assert.equal(fired?.status, 429);
    assert.equal(fired?.retryAfter, 3);
    assert.ok(faults.take('GET', '/sp/jobs'));
    assert.equal(faults.take('GET', '/sp/jobs'), undefined, 'used up after count');
  });

  it('count -1 fires forever, clear() removes every rule', () => {
    const faults = new FaultInjector();
    faults.add({ kind: 'error', status: 503, count: -1 });
    for (let i = 0; i < 50; i++) assert.equal(faults.take('GET', `/any/${i}`)?.status, 503);
    faults.clear();
    assert.equal(faults.take('GET', '/any'), undefined);
  });

  it('rejects unknown kinds and invalid path patterns when added', () => {
    const faults = new FaultInjector();
    assert.throws(() => faults.add({ kind: 'explode' as never }), /kind must be one of/);
    assert.throws(() => faults.add({ kind: 'drop', path: '(' }));
    assert.equal(faults.list().length, 0);
  });
});
