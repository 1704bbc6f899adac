// `npm run demo`: the extension in a real VS Code (code-server) in your browser, against the local
// Bedrock emulator — no AWS account needed. Ctrl-C stops everything it started.
// Flags: --port N (workbench port; default: a free one), --aws (skip the emulator; use your AWS
// credentials or AWS_BEARER_TOKEN_BEDROCK from the environment).
import { mkdirSync, symlinkSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCodeServer, workbenchUrl, freePort } from './codeServer.mjs';
import { emulatorSettings, hermeticAwsEnv } from './emulatorWiring.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { port: { type: 'string' }, aws: { type: 'boolean', default: false } } });
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Something to select for Explain Selection and Embed Selection.
const DEMO_FILES = {
  'README.md': '# Bedrock Workbench demo\n\nOpen the Bedrock view in the activity bar, or select code in `src/cache.ts` and run **Bedrock: Explain Selection** (Ctrl+Alt+E).\n',
  'src/cache.ts': `// A tiny LRU cache: select a function and run "Bedrock: Explain Selection".
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Re-insert so the key becomes the most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
    }
  }
}
`,
};

const stops = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\ndemo: stopping…');
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  let settings = {};
  let env = {};
  if (!values.aws) {
    const { startLocalAws } = await import('../emulator/localAws.ts');
    // Async jobs (Generate Video, Embed Media File) write their outputs to a local S3 server.
    const local = await startLocalAws({ log: (line) => console.log(`emulator: ${line}`) });
    const { emulator } = local;
    stops.push(() => local.close());
    console.log(`demo: Bedrock emulator at ${emulator.url}, S3 at ${local.s3.url} (job outputs under ${local.s3Settings['bedrock.async.s3OutputUri']})`);
    settings = { ...emulatorSettings(emulator.url), ...local.s3Settings };
    // The emulator accepts any SigV4 signature: dummy keys let the demo run with no AWS setup,
    // and a hermetic environment keeps your real ~/.aws out of it.
    env = hermeticAwsEnv(root);
  } else {
    console.log('demo: using your AWS credentials (environment, ~/.aws, or AWS_BEARER_TOKEN_BEDROCK)');
  }
  const port = values.port ? Number(values.port) : await freePort();
  const server = await startCodeServer({ port, settings, env, workspaceFiles: DEMO_FILES });
  stops.push(() => server.stop());
  mkdirSync(server.dirs.extensions, { recursive: true });
  symlinkSync(root, join(server.dirs.extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  console.log(`\ndemo: Bedrock Workbench is running in VS Code. Open this URL in your browser:\n\n  ${workbenchUrl(server)}\n\nPress Ctrl-C to stop.`);
} catch (e) {
  console.error(`demo: failed to start: ${e instanceof Error ? e.message : e}`);
  await stopAll(1);
}
