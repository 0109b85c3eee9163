// The l10n bundle (l10n/bundle.l10n.json) is what translators start from: every vscode.l10n.t string of src/ must be
// in it, and nothing else. `npm run l10n` regenerates it; this test fails when someone adds a string and forgets.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..', '..');

describe('l10n bundle', function () {
  this.timeout(120_000);

  it('holds exactly the strings src/ passes to vscode.l10n.t (run `npm run l10n` after adding one)', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'entra-l10n-'));
    try {
      const cli = join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'export', '--outDir', outDir, join(root, 'src')], { cwd: root, stdio: 'pipe' });
      const fresh = JSON.parse(readFileSync(join(outDir, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      const missing = Object.keys(fresh).filter((k) => !(k in committed));
      const stale = Object.keys(committed).filter((k) => !(k in fresh));
      assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
      assert.ok(Object.keys(fresh).length > 100, 'the extension has its strings in vscode.l10n.t');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
