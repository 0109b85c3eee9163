// `migration-faults`: the migration fault matrix (test/unit/migration/faultMatrix.ts) as a measurement — every apply
// step × HTTP 500, 429 storm, dropped connection, hang past the timeout, plus a failing backup write — each followed
// by resume. value = cases that ended in the expected state with nothing lost, baseline = cases run; the target is
// all of them. Any loss is listed on stderr and in the note.
import { matrixCases, runFaultCase } from '../test/unit/migration/faultMatrix';
import { report, type Measurement } from './report';

export async function benchMigrationFaults(): Promise<Measurement> {
  const cases = matrixCases();
  const losses: string[] = [];
  let survived = 0;
  for (const { step, fault } of cases) {
    const result = await runFaultCase(step, fault);
    if (result.survived) survived++;
    else losses.push(...result.losses.map((loss) => `${step} × ${fault}: ${loss}`));
  }
  for (const loss of losses) process.stderr.write(`bench: migration loss: ${loss}\n`);
  return report({
    bench: 'migration-faults',
    value: survived,
    unit: 'cases',
    baseline: cases.length,
    ratio: survived / cases.length,
    target: 'all survive',
    pass: survived === cases.length,
    note: losses.length === 0 ? `losses: none (${cases.length} cases: 8 steps × 4 faults + backup write failure, each resumed)` : `losses: ${losses.join('; ')}`,
  });
}
