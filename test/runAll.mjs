// `npm test`: every tier in order, each as its own npm script, then one summary line per tier and
// a closing total. Exits non-zero if any tier fails. Tiers run even after a failure, so one red
// tier doesn't hide the state of the others.
import { spawn } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const TIERS = [
  { name: 'static', script: 'check', dir: null },
  { name: 'unit', script: 'test:unit', dir: 'test/unit' },
  { name: 'integration', script: 'test:integration', dir: 'test/integration' },
  { name: 'vscode', script: 'test:vscode', dir: 'test/vscode' },
  { name: 'e2e', script: 'test:e2e', dir: 'test/e2e' },
];
const only = process.argv.slice(2);

function hasTests(dir) {
  if (!dir) return true;
  const walk = (d) =>
    existsSync(d) &&
    readdirSync(d, { withFileTypes: true }).some((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.test.ts')));
  return walk(dir);
}

function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const pipe = (stream, to) =>
      stream.on('data', (b) => {
        out += b.toString();
        to.write(b);
      });
    pipe(child.stdout, process.stdout);
    pipe(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code, out }));
  });
}

// Mocha's closing lines ("12 passing", "1 failing", "2 pending"), summed over the tier's output.
function counts(out) {
  const sum = (re) => [...out.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return { passed: sum(/^\s*(\d+) passing/gm), failed: sum(/^\s*(\d+) failing/gm), pending: sum(/^\s*(\d+) pending/gm) };
}

const results = [];
for (const tier of TIERS) {
  if (only.length && !only.includes(tier.name)) continue;
  if (!hasTests(tier.dir)) {
    results.push({ ...tier, status: 'skipped (no tests yet)', seconds: 0 });
    continue;
  }
  console.log(`\n=== tier ${tier.name}: npm run ${tier.script} ===`);
  const t0 = Date.now();
  const { code, out } = await runScript(tier.script);
  results.push({ ...tier, status: code === 0 ? 'passed' : `FAILED (exit ${code})`, seconds: (Date.now() - t0) / 1000, ...counts(out), code });
}

console.log('\n=== summary ===');
let passed = 0;
let failed = 0;
for (const r of results) {
  const tests = r.passed !== undefined && r.dir ? ` — ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}` : '';
  console.log(`tier ${r.name}: ${r.status}${tests} in ${r.seconds.toFixed(1)} s`);
  passed += r.passed ?? 0;
  failed += r.failed ?? 0;
  if (r.code && !r.failed) failed += 1; // a tier that crashed before reporting still counts as a failure
}
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(results.some((r) => r.code) ? 1 : 0);
