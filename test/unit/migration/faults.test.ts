import assert from 'node:assert/strict';
import { matrixCases, runFaultCase } from './faultMatrix';

describe('migration fault matrix: every apply step × HTTP 500, 429 storm, dropped connection, hang — then resume', function () {
  this.timeout(30_000);
  for (const { step, fault } of matrixCases()) {
    it(`${step} × ${fault}: ends in the expected state with nothing lost`, async () => {
      const result = await runFaultCase(step, fault);
      assert.deepEqual(result.losses, []);
      assert.ok(result.survived);
    });
  }
});
