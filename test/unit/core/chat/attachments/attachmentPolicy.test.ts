import * as assert from 'node:assert/strict';
import { classifyAttachment, credentialFileReason, fenceTagOf, sizeRefusal } from '../../../../../src/core/chat/attachments/attachmentPolicy';
import { inlineText } from '../../../../../src/core/chat/attachments/attachmentParts';
import { PNG_1X1, pdfOf, pngOfSize, utf8 } from '../../bedrock/adapters/mediaSamples';

describe('attachment policy', () => {
  it('refuses credential files wherever they sit, by name, extension and folder', () => {
    for (const p of ['/ws/.env', '/ws/app/.env.local', '/home/u/.aws/credentials', '/ws/.aws/config', '/ws/deploy/prod.pem', '/ws/id_ed25519', '/ws/.npmrc', '/u/.ssh/known_hosts', '/ws/.git-credentials']) {
      assert.ok(credentialFileReason(p), `${p} should be refused`);
    }
    for (const p of ['/ws/src/env.ts', '/ws/README.md', '/ws/keys.ts', '/ws/docs/credentials.md']) assert.equal(credentialFileReason(p), undefined, p);
    assert.match(classifyAttachment('/ws/.env', utf8('A=1')) as string, /\.env is a credentials file; the chat never attaches credentials/);
  });

  it('images by their bytes; documents by name and signature; other UTF-8 as text with a fence tag', () => {
    assert.deepEqual(classifyAttachment('shot.png', PNG_1X1), { kind: 'image', format: 'png' });
    assert.deepEqual(classifyAttachment('noext', PNG_1X1), { kind: 'image', format: 'png' });
    assert.match(classifyAttachment('fake.png', utf8('hello')) as string, /not a PNG, JPEG, GIF or WebP image/);
    assert.deepEqual(classifyAttachment('Q3.pdf', pdfOf()), { kind: 'document', format: 'pdf' });
    assert.match(classifyAttachment('Q3.pdf', utf8('nope')) as string, /not a PDF file/);
    assert.deepEqual(classifyAttachment('notes.md', utf8('# hi')), { kind: 'document', format: 'md' });
    assert.deepEqual(classifyAttachment('src/app.ts', utf8('export {}')), { kind: 'text', format: 'ts' });
    assert.match(classifyAttachment('a.bin', new Uint8Array([0, 1, 2])) as string, /not a file the chat can attach: it takes images \(PNG, JPEG, GIF, WebP\), documents \(PDF, CSV/);
    assert.equal(fenceTagOf('Makefile'), 'text');
  });

  it('refuses huge files with the limit, and lets a picked image be larger until the webview downscales it', () => {
    const big = pngOfSize(9000, 9000, 4_000_000);
    assert.match(classifyAttachment('big.png', big) as string, /big\.png is 4 MB; images can be at most 3\.75 MB after downscaling/);
    assert.deepEqual(classifyAttachment('big.png', big, { pickedImage: true }), { kind: 'image', format: 'png' });
    assert.match(classifyAttachment('r.pdf', pdfOf(4_600_000)) as string, /r\.pdf is 4\.6 MB; Bedrock takes documents up to 4\.5 MB/);
    assert.match(classifyAttachment('log.txt.ts', utf8('x'.repeat(600_000))) as string, /600 KB of text; the chat attaches text files up to 500 KB/);
    assert.match(sizeRefusal('huge.log', 2_000_000)!, /huge\.log is 2 MB/);
    assert.equal(sizeRefusal('photo.jpg', 20_000_000), undefined);
  });

  it('inlines text in a fence the text cannot close', () => {
    assert.equal(inlineText({ name: 'a.md', format: 'md', note: 'lines 1–2' }, 'x\n```\ny'), 'Attached a.md (lines 1–2):\n````md\nx\n```\ny\n````');
  });
});
