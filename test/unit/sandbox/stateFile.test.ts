import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateFile } from '../../../src/sandbox/stateFile';

describe('sandbox state file', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'sandbox-state-'));

  it('reads nothing before the first write, then reads back what was written', async () => {
    const path = join(dir(), 'nested', 'tenant.json');
    const file = new StateFile(path);
    assert.equal(await file.read(), undefined);
    await file.write({ tenant: { a: 1 }, identity: { b: 2 } });
    assert.deepEqual(await new StateFile(path).read(), { tenant: { a: 1 }, identity: { b: 2 } });
  });

  it('coalesces a burst of writes into the latest state and leaves no temp files', async () => {
    const folder = dir();
    const path = join(folder, 'tenant.json');
    const file = new StateFile(path);
    const writes = Array.from({ length: 20 }, (_, i) => file.write({ tenant: { i }, identity: null }));
    await Promise.all(writes);
    await file.flush();
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).tenant, { i: 19 });
    assert.deepEqual(readdirSync(folder), ['tenant.json']);
  });

  it('refuses a corrupt or foreign file with a message that names it', async () => {
    const folder = dir();
    const corrupt = join(folder, 'corrupt.json');
    writeFileSync(corrupt, '{ not json');
    await assert.rejects(new StateFile(corrupt).read(), /corrupt\.json is not valid JSON/);
    const foreign = join(folder, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ hello: 'world' }));
    await assert.rejects(new StateFile(foreign).read(), /not a sandbox state file/);
  });
});
