// `npm run emulator -- --port N [--scenario FILE] [--seed N] [--latency MS]`
import { startEmulator } from './emulator';

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
  const emu = await startEmulator({
    port,
    scenario: arg('scenario'),
    seed: seed === undefined ? undefined : Number(seed),
    latencyMs: latency === undefined ? undefined : Number(latency),
    log: (line) => console.log(line),
  });
  console.log(`Bedrock emulator listening on ${emu.url}`);
  const stop = (): void => void emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
