import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentStore, sha256Of } from '../../../../../src/core/chat/attachments/contentStore';
import { resolveAttachments } from '../../../../../src/core/chat/attachments/attachmentParts';
import type { WireAttachment } from '../../../../../src/shared/attachments';
import { PNG_1X1, utf8 } from '../../bedrock/adapters/mediaSamples';

describe('content store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attach-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps bytes once per content under their SHA-256 and reads them back checked', async () => {
    const store = new ContentStore(join(dir, 'attachments'));
    const sha = await store.put(PNG_1X1);
    assert.equal(sha, sha256Of(PNG_1X1));
    assert.equal(await store.put(PNG_1X1), sha);
    assert.deepEqual(await readdir(join(dir, 'attachments')), [sha]);
    assert.deepEqual(await store.get(sha), PNG_1X1);
  });

  it('names what is wrong: a malformed reference, a missing copy, a copy changed on disk', async () => {
    const store = new ContentStore(dir);
    await assert.rejects(store.get('../../etc/passwd'), /stored reference is malformed/);
    await assert.rejects(store.get('a'.repeat(64)), /stored copy is gone/);
    const sha = await store.put(utf8('hello'));
    await writeFile(join(dir, sha), 'HELLO');
    await assert.rejects(store.get(sha), /stored copy was changed on disk/);
  });

  it('resolves references to parts, re-checking the bytes, and names the ones it cannot use', async () => {
    const store = new ContentStore(dir);
    const img: WireAttachment = { id: '1', kind: 'image', name: 'a.png', format: 'png', size: PNG_1X1.length, source: { sha256: await store.put(PNG_1X1) } };
    const code: WireAttachment = { id: '2', kind: 'text', name: 'src/a.ts', format: 'ts', size: 9, source: { sha256: await store.put(utf8('let a = 1')) }, note: 'lines 1–1' };
    const swapped: WireAttachment = { ...img, id: '3', name: 'b.png', source: { sha256: await store.put(utf8('not an image')) } };
    const gone: WireAttachment = { ...img, id: '4', name: 'c.png', source: { sha256: 'b'.repeat(64) } };
    const r = await resolveAttachments([img, code, swapped, gone], { read: (a) => ('sha256' in a.source ? store.get(a.source.sha256) : Promise.reject(new Error('no'))) });
    assert.deepEqual(r.parts, [
      { type: 'image', format: 'png', data: PNG_1X1 },
      { type: 'text', text: 'Attached src/a.ts (lines 1–1):\n```ts\nlet a = 1\n```' },
    ]);
    assert.deepEqual(r.missing, ['b.png: b.png is not a PNG, JPEG, GIF or WebP image (its bytes say otherwise).', 'c.png: its stored copy is gone (the extension storage was cleared)']);
  });
});
