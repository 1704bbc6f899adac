// The exits of the chat and the log: stored history, messages to the webview, log lines. Each gets
// text that echoes the marker credentials (registered the way the connection registers them) and
// must let none of them through.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { MemoryStore } from '../../../../src/core/keyValueStore';
import { secretRedactor } from '../../../../src/core/bedrock/errors/redact';
import type { HostToWebviewMessage, PersistedConversation, WireError } from '../../../../src/shared/protocol';
import { newConversation } from '../../../../src/core/chat/conversationModel';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import { redactHostMessage } from '../../../../src/core/chat/redactChat';
import { redactingLog } from '../../../../src/vscode/redactingLog';
import { ECHO_FORMATS, MARKER, MARKER_VALUES, survivingMarkers } from '../bedrock/errors/secretEchoes';

const echo = ECHO_FORMATS.map(([, text]) => text).join('\n');
const leakedError = (): WireError => ({ kind: 'credentials', message: `The security token '${MARKER.sessionToken}' is expired`, action: { id: 'ssoLogin', label: 'Sign in' }, detail: echo });

function conversationWithLeaks(): PersistedConversation {
  return {
    ...newConversation('c1', 1),
    title: 'Explain caching',
    turns: [
      { role: 'user', text: 'Explain caching' },
      { role: 'assistant', text: 'Partial reply', error: leakedError(), stats: { modelId: 'm', api: 'converse-stream', routeNote: `left converse: ${echo}` } },
    ],
  };
}

describe('redaction at the chat and log exits', () => {
  before(() => secretRedactor.add(...MARKER_VALUES));
  after(() => secretRedactor.clear());

  it('the history store writes no credential to workspace storage, and keeps the words of the turn', async () => {
    const kv = new MemoryStore();
    await new HistoryStore(kv).save(conversationWithLeaks());
    const stored = JSON.stringify(kv.get('bedrock.chat.conversation/c1'));
    assert.ok(stored.includes('Partial reply') && stored.includes('Explain caching'));
    assert.ok(stored.includes('is expired'), 'the message around the secret stays');
    assert.deepEqual(survivingMarkers(stored), []);
    assert.deepEqual(survivingMarkers(JSON.stringify(conversationWithLeaks())).length, 4, 'the input did leak all four markers');
  });

  it('messages to the webview: chat/error, chat/route, chat/end and history/load carry no credential', () => {
    const messages: HostToWebviewMessage[] = [
      { method: 'chat/error', requestId: 'r', seq: 3, error: leakedError(), stats: { modelId: 'm', api: 'converse-stream', routeNote: echo } },
      { method: 'chat/route', requestId: 'r', seq: 1, modelId: 'm', api: 'converse', reason: echo },
      { method: 'chat/end', requestId: 'r', seq: 2, stopReason: 'end_turn', stats: { modelId: 'm', api: 'converse', routeNote: echo } },
      { method: 'history/load', conversation: conversationWithLeaks() },
    ];
    for (const m of messages) {
      assert.ok(survivingMarkers(JSON.stringify(m)).length > 0);
      assert.deepEqual(survivingMarkers(JSON.stringify(redactHostMessage(m))), [], m.method);
    }
    const delta: HostToWebviewMessage = { method: 'chat/delta', requestId: 'r', seq: 1, channel: 'text', text: 'apiKey: "YOUR_KEY"' };
    assert.equal(redactHostMessage(delta), delta, 'reply text is the model’s and passes unchanged');
  });

  it('every line written through the log channel is redacted, arguments and errors included', () => {
    const written: string[] = [];
    const record = (...parts: unknown[]) => void written.push(parts.map(String).join(' '));
    const inner = { name: 'Bedrock Workbench', logLevel: 2, trace: record, debug: record, info: record, warn: record, error: record, append: record, appendLine: record, replace: record };
    const log = redactingLog(inner as unknown as vscode.LogOutputChannel);
    log.info(`request failed: ${echo}`);
    log.warn('headers', { 'x-amz-security-token': MARKER.sessionToken, nested: [MARKER.apiKey] });
    log.error(Object.assign(new Error(`bad key ${MARKER.secretAccessKey}`), { name: 'InvalidSignatureException' }));
    log.error('with args', new Error(MARKER.sessionToken));
    log.debug(MARKER.apiKey);
    log.trace(encodeURIComponent(MARKER.secretAccessKey));
    log.append(Buffer.from(`Bearer ${MARKER.apiKey}`).toString('base64'));
    log.appendLine(MARKER.accessKeyId);
    log.replace(MARKER.sessionToken);
    assert.equal(written.length, 9);
    assert.equal(log.name, 'Bedrock Workbench');
    for (const line of written) assert.deepEqual(survivingMarkers(line), [], line.slice(0, 200));
  });
});
