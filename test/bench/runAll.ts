// `npm run bench`: runs every test/bench/*.bench.ts in turn, in one process so figures that are
// compared side by side share the same machine state. Each bench prints its figures as
// `bench: <figure name>: <value> <unit>` lines.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
async function main(): Promise<void> {
  for (const file of files) {
    console.log(`# ${file}`);
    const mod = await import(pathToFileURL(join(dir, file)).href);
    if (typeof mod.run === 'function') await mod.run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
