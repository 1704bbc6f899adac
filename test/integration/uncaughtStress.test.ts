// No failure on a compatible endpoint may escape as an uncaught exception: 2,000 failing turns per
// path, run in a child process under --unhandled-rejections=strict with an uncaughtException trap
// (in this process mocha's own handlers would hide what escapes).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'mocha';
import { COMPAT_PATHS } from './router/apiPaths';

const TURNS_PER_PATH = 2000;
const runner = fileURLToPath(new URL('./uncaughtStressRun.ts', import.meta.url));

interface StressResult {
  perPath?: Record<string, { turns: number; errors: number; otherTerminal: number }>;
  uncaught: number;
  samples?: string[];
  fatal?: string;
}

describe('compatible endpoints: no uncaught exceptions', () => {
  it(`${TURNS_PER_PATH} failing turns on each compatible path, zero uncaught`, async function () {
    this.timeout(180_000);
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '--unhandled-rejections=strict', runner, String(TURNS_PER_PATH)], { maxBuffer: 1 << 22 }, (err, out, errOut) =>
        err && !out ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out),
      ),
    );
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as StressResult;
    assert.equal(result.fatal, undefined, result.fatal);
    assert.equal(result.uncaught, 0, `uncaught exceptions:\n${(result.samples ?? []).join('\n\n')}`);
    for (const path of COMPAT_PATHS) {
      const s = result.perPath?.[path.name];
      assert.ok(s && s.turns >= TURNS_PER_PATH, `${path.name}: ${s?.turns} turns`);
      assert.equal(s.errors, s.turns, `${path.name}: every turn ends in one error event`);
    }
    console.log(`      stress: ${Object.values(result.perPath!).reduce((n, s) => n + s.turns, 0)} failing turns, ${result.uncaught} uncaught`);
  });
});
