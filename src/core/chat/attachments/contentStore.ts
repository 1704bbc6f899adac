// Attachment bytes kept by content: one file per SHA-256 under the extension's global storage, so
// a conversation stores a 64-character reference instead of megabytes in VS Code's state. What is
// read back is checked against its name (a changed or truncated file is reported, never sent).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class ContentStore {
  constructor(
    /** The folder the files live in (created on first write). */
    private readonly dir: string,
    /** Largest file read back; anything bigger is not one this store wrote. */
    private readonly maxBytes = 50_000_000,
  ) {}

  /** Stores the bytes (once per content) and returns their SHA-256. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha = sha256Of(bytes);
    const path = join(this.dir, sha);
    const existing = await stat(path).catch(() => undefined);
    if (existing?.size === bytes.byteLength) return sha;
    await mkdir(this.dir, { recursive: true });
    // Written aside and renamed, so a crash never leaves a half file under the real name.
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    return sha;
  }

  /** The bytes stored under `sha256`; throws an Error whose message says what is wrong. */
  async get(sha256: string): Promise<Uint8Array> {
    if (!SHA256.test(sha256)) throw new Error('its stored reference is malformed');
    const path = join(this.dir, sha256);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new Error('its stored copy is gone (the extension storage was cleared)');
    if (info.size > this.maxBytes) throw new Error('its stored copy is larger than any attachment');
    const bytes = new Uint8Array(await readFile(path));
    if (sha256Of(bytes) !== sha256) throw new Error('its stored copy was changed on disk');
    return bytes;
  }
}
