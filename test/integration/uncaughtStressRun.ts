// Run as its own node process (see uncaughtStress.test.ts) under --unhandled-rejections=strict:
// failing turns on every compatible-endpoint path, each failing after the response headers arrived
// (an in-stream error event, a corrupted event just before the server closes, a reset mid-stream),
// with an uncaughtException trap counting what escapes. Prints one JSON line with the counts.
import { startEmulator } from '../emulator/emulator';
import type { FaultSpec } from '../emulator/faultSpec';
import { COMPAT_PATHS, runPath } from './router/apiPaths';
import { makeRig } from './router/routerHarness';
import { chat } from './router/routerHarness';

const uncaught: string[] = [];
process.on('uncaughtException', (err) => uncaught.push(String((err as Error)?.stack ?? err)));

const turnsPerPath = Number(process.argv[2] ?? 2000);
const concurrency = 16;
const FAULTS: Array<FaultSpec['kind']> = ['exceptionAfter', 'badCrc', 'reset'];

async function main(): Promise<void> {
  // A short fixed reply: the cost per turn is the transport's, not the reply generator's.
  const emu = await startEmulator({ seed: 11, scenario: { defaults: { text: 'one two three four five six seven eight nine ten eleven twelve' } } });
  // An API key: the stress is in the transport, not in SigV4 signing.
  const rig = await makeRig(emu, { maxAttempts: 1, apiKey: 'stress-test-key' });
  const perPath: Record<string, { turns: number; errors: number; otherTerminal: number }> = {};
  try {
    for (const path of COMPAT_PATHS) {
      const stats = (perPath[path.name] = { turns: 0, errors: 0, otherTerminal: 0 });
      for (const kind of FAULTS) {
        emu.clearFaults();
        emu.fault({ kind, route: path.route, afterEvents: 3, count: Infinity });
        let next = 0;
        const share = Math.ceil(turnsPerPath / FAULTS.length);
        const worker = async () => {
          while (next < share) {
            next++;
            let terminal = '';
            for await (const e of runPath(rig.connection, path, chat(path.model))) if (e.type === 'error' || e.type === 'stop') terminal = e.type;
            stats.turns++;
            if (terminal === 'error') stats.errors++;
            else stats.otherTerminal++;
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
      }
      emu.clearRequests();
    }
    // Let late socket events (aborts, resets after the turn ended) fire before counting.
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    rig.dispose();
    await emu.close();
  }
  process.stdout.write(`${JSON.stringify({ perPath, uncaught: uncaught.length, samples: uncaught.slice(0, 3) })}\n`);
}

main().catch((err) => {
  process.stdout.write(`${JSON.stringify({ fatal: String(err?.stack ?? err), uncaught: uncaught.length })}\n`);
  process.exitCode = 1;
});
