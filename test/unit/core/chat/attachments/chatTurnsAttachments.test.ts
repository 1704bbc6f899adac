// Attachments through the host's turn loop: kept by reference in history, read back for every
// send, an unreadable one of the current message refuses the send by name, one of an earlier
// message is left out with a note to the model and on the turn line.
import * as assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../../src/core/bedrock/adapters/chatEvent';
import { ChatTurns } from '../../../../../src/core/chat/chatTurns';
import type { WireAttachment } from '../../../../../src/shared/attachments';
import type { ChatSendMessage, ChatStreamMessage, PersistedConversation } from '../../../../../src/shared/protocol';
import { ScriptedBackend, route } from '../fakeBackend';
import { PNG_1X1, pdfOf } from '../../bedrock/adapters/mediaSamples';

async function* reply(): AsyncIterable<ChatEvent> {
  yield route();
  yield { type: 'text', text: 'ok' };
  yield { type: 'stop', reason: 'end_turn' };
}

const PDF = pdfOf(50);
const image: WireAttachment = { id: 'i', kind: 'image', name: 'shot.png', format: 'png', size: PNG_1X1.length, source: { sha256: 'a'.repeat(64) }, note: 'downscaled from 9,000 × 10 to 8,000 × 8 px' };
const doc: WireAttachment = { id: 'd', kind: 'document', name: 'docs/Q3.pdf', format: 'pdf', size: PDF.length, source: { uri: 'file:///ws/docs/Q3.pdf' } };

function rig(files: Map<string, Uint8Array>) {
  const backend = new ScriptedBackend(() => reply());
  const stored = new Map<string, PersistedConversation>();
  const posted: ChatStreamMessage[] = [];
  const turns = new ChatTurns({
    backend,
    history: { get: (id) => structuredClone(stored.get(id)), save: async (c) => void stored.set(c.id, structuredClone(c)) },
    post: (m) => posted.push(m),
    now: () => 1,
    clock: () => 0,
    attachments: {
      read: async (a) => {
        const key = 'uri' in a.source ? a.source.uri : a.source.sha256;
        const bytes = files.get(key);
        if (!bytes) throw new Error('the file is gone (moved or deleted)');
        return bytes;
      },
    },
  });
  const send = (text: string, attachments?: WireAttachment[]) =>
    turns.send({ method: 'chat/send', requestId: `r${posted.length}`, conversationId: 'c', text, ...(attachments ? { attachments } : {}) } as ChatSendMessage, 'm1');
  return { backend, stored, posted, send };
}

describe('chat turns with attachments', () => {
  it('stores references only and sends the bytes as parts after the message text', async () => {
    const files = new Map([['a'.repeat(64), PNG_1X1], ['file:///ws/docs/Q3.pdf', PDF]]);
    const r = rig(files);
    await r.send('What are these?', [image, doc]);
    const saved = r.stored.get('c')!;
    assert.deepEqual(saved.turns[0].attachments, [image, doc]);
    assert.ok(!JSON.stringify(saved).includes(Buffer.from(PDF).toString('base64')), 'no bytes in history');
    const content = r.backend.requests[0].request.messages[0].content;
    assert.deepEqual(content, [
      { type: 'text', text: 'What are these?' },
      { type: 'image', format: 'png', data: PNG_1X1 },
      { type: 'document', format: 'pdf', name: 'docs/Q3.pdf', data: PDF },
    ]);
  });

  it('a reloaded conversation re-reads the attachments of earlier messages on the next send', async () => {
    const files = new Map([['a'.repeat(64), PNG_1X1]]);
    const r = rig(files);
    await r.send('Look', [image]);
    await r.send('And now?');
    const second = r.backend.requests[1].request.messages;
    assert.deepEqual(second[0].content[1], { type: 'image', format: 'png', data: PNG_1X1 });
    assert.equal(second.length, 3);
  });

  it('an attachment of this message that cannot be read refuses the send, naming it', async () => {
    const r = rig(new Map());
    await r.send('Read this', [doc]);
    assert.equal(r.backend.requests.length, 0);
    const err = r.posted.find((m) => m.method === 'chat/error');
    assert.equal(err?.method === 'chat/error' && err.error.message, 'Not sent: docs/Q3.pdf: the file is gone (moved or deleted). Remove the attachment and send again.');
  });

  it('one of an earlier message that is gone is left out: the model is told, the turn line says which', async () => {
    const files = new Map([['file:///ws/docs/Q3.pdf', PDF]]);
    const r = rig(files);
    await r.send('Read this', [doc]);
    files.clear();
    await r.send('Summarise it again');
    const first = r.backend.requests[1].request.messages[0].content;
    assert.deepEqual(first[1], { type: 'text', text: '(An attachment of this message is no longer available and was left out: docs/Q3.pdf.)' });
    const end = r.posted.filter((m) => m.method === 'chat/end').pop();
    assert.equal(end?.method === 'chat/end' && end.stats.routeNote, 'Left out of earlier messages: docs/Q3.pdf: the file is gone (moved or deleted)');
  });
});
