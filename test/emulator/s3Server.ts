// A real S3-compatible server on 127.0.0.1 for the emulator's async jobs, the tests and the demo:
// @20minutes/s3rver, the maintained fork of s3rver (plain Node, no native build, no Java or Docker;
// the original s3rver's last release pins busboy 0.3 and fast-xml-parser 3). Objects live in a
// temporary folder removed on close. Only the access keys registered here are accepted (an unknown
// key gets InvalidAccessKeyId, so a test sees which credentials reached S3); signatures are not
// checked, as the server's canonical query string differs from the SDK's for ListObjectsV2.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const requireCjs = createRequire(import.meta.url);

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
interface AccountModule {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
}

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The key the emulator's jobs write with: Bedrock writes job outputs as its own principal. */
export const BEDROCK_WRITER_KEY: AccessKey = { accessKeyId: 'AKIABEDROCKEMULATOR0', secretAccessKey: 'bedrock-emulator-writer' };
/** The keys the UI tiers and the demo sign with (test/harness/emulatorWiring.mjs). */
export const HERMETIC_KEY: AccessKey = { accessKeyId: 'AKIAEMULATOR00000000', secretAccessKey: 'emulator-secret-key' };
/** The bucket the demo and the UI tiers configure as `bedrock.async.s3OutputUri`. */
export const DEMO_BUCKET = 'bedrock-workbench-demo';

export interface S3ServerOptions {
  /** Buckets that exist from the start. */
  buckets?: string[];
  /** Access keys accepted besides the emulator's writer key and the hermetic test key. */
  accessKeys?: AccessKey[];
  /** 0 or unset: a free port. */
  port?: number;
}

export interface S3ServerHandle {
  /** `http://127.0.0.1:PORT`: path-style addressing (`/bucket/key`). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startS3Server(options: S3ServerOptions = {}): Promise<S3ServerHandle> {
  const S3rver = requireCjs('@20minutes/s3rver') as S3rverClass;
  const { DUMMY_ACCOUNT } = requireCjs('@20minutes/s3rver/lib/models/account') as AccountModule;
  for (const k of [BEDROCK_WRITER_KEY, HERMETIC_KEY, ...(options.accessKeys ?? [])]) DUMMY_ACCOUNT.createKeyPair(k.accessKeyId, k.secretAccessKey);
  const directory = mkdtempSync(join(tmpdir(), 'bedrock-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    allowMismatchedSignatures: true,
    // Path-style only: a loopback address has no bucket subdomains.
    vhostBuckets: false,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      await server.close().catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
