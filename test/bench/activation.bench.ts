// Activation cost of the production bundle, and proof that activation loads no AWS SDK code.
// Each sample is a fresh node process (a warm require cache would hide the real cost).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const SAMPLES = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const probe = join(import.meta.dirname, 'activationProbe.cjs');
  const times: number[] = [];
  let sdkModules: string[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const out = JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    times.push(out.ms);
    sdkModules = out.sdkModules;
  }
  console.log(`bench: activation: ${median(times).toFixed(2)} ms`);
  console.log(`bench: sdk modules loaded at activation: ${sdkModules.length}`);
  if (sdkModules.length) console.log(`  loaded: ${sdkModules.join(', ')}`);
}
