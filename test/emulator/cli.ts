// `npm run emulator -- --port N [--scenario FILE] [--seed N] [--latency MS] [--s3]`
// --s3 also starts a local S3 server for async job outputs (bucket bedrock-workbench-demo).
import { startEmulator } from './emulator';
import { DEMO_OUTPUT_URI, startLocalAws } from './localAws';

class CliUsageError extends Error {
  override name = 'CliUsageError';
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new CliUsageError(`--${name} needs a value`);
  return v;
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? 0);
  const seed = arg('seed');
  const latency = arg('latency');
  const options = {
    port,
    scenario: arg('scenario'),
    seed: seed === undefined ? undefined : Number(seed),
    latencyMs: latency === undefined ? undefined : Number(latency),
    log: (line: string) => console.log(line),
  };
  const local = process.argv.includes('--s3') ? await startLocalAws(options) : undefined;
  const emu = local?.emulator ?? (await startEmulator(options));
  console.log(`Bedrock emulator listening on ${emu.url}`);
  if (local) console.log(`S3 listening on ${local.s3.url}; jobs can write to ${DEMO_OUTPUT_URI}`);
  const stop = (): void => void (local ?? emu).close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
