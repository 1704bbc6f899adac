import * as assert from 'node:assert/strict';
import { MAX_ATTACHMENTS, readAttachments } from '../../../src/shared/attachments';
import { checkWebviewMessage } from '../../../src/shared/protocolValidation';
import { readStoredConversation } from '../../../src/shared/persistedRecords';

const good = { id: 'a1', kind: 'image', name: 'shot.png', format: 'png', size: 70, source: { sha256: 'f'.repeat(64) }, note: 'downscaled' };

describe('attachment references on the wire and in storage', () => {
  it('keeps only the known fields, and names what is wrong', () => {
    assert.deepEqual(readAttachments([{ ...good, extra: 'x' }]), [good]);
    assert.equal(readAttachments([{ ...good, source: { sha256: '../x' } }]), 'the attachment shot.png says neither a file nor a stored copy');
    assert.equal(readAttachments([{ ...good, kind: 'video' }]), 'an attachment is not an image, document or text');
    assert.equal(readAttachments(Array(MAX_ATTACHMENTS + 1).fill(good)), `a message carries at most ${MAX_ATTACHMENTS} attachments`);
  });

  it('the gate checks chat/send attachments and the attach messages', () => {
    const send = checkWebviewMessage({ method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'hi', attachments: [good] });
    assert.ok(send.ok && send.message.method === 'chat/send' && send.message.attachments?.length === 1);
    const bad = checkWebviewMessage({ method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'hi', attachments: [{ ...good, size: -1 }] });
    assert.deepEqual(bad, { ok: false, method: 'chat/send', problem: 'the attachment shot.png has no size', requestId: 'r' });
    assert.equal(checkWebviewMessage({ method: 'attach/pick', what: 'selection' }).ok, true);
    assert.equal(checkWebviewMessage({ method: 'attach/pick', what: 'everything' }).ok, false);
    assert.equal(checkWebviewMessage({ method: 'attach/data', name: 'a.png', mime: 'image/png', dataBase64: 'AAAA' }).ok, true);
    const huge = checkWebviewMessage({ method: 'attach/data', name: 'a.png', mime: 'image/png', dataBase64: 'A'.repeat(8_000_004) });
    assert.ok(!huge.ok && /larger than the chat accepts/.test(huge.problem));
    assert.equal(checkWebviewMessage({ method: 'attach/uris', uris: [] }).ok, false);
  });

  it('a stored turn keeps its good attachments and drops a bad one', () => {
    const conv = readStoredConversation({ v: 1, id: 'c', title: 't', createdAt: 1, updatedAt: 1, turns: [{ role: 'user', text: 'x', attachments: [good, { ...good, source: 'C:/secret' }] }] });
    assert.deepEqual(conv?.turns[0].attachments, [good]);
  });
});
