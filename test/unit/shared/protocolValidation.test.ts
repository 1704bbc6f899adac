import * as assert from 'node:assert/strict';
import { handledEveryMessage } from '../../../src/shared/exhaustive';
import type { WebviewToHostMessage } from '../../../src/shared/protocol';
import { WEBVIEW_MESSAGE_FIELDS, validateWebviewMessage, type WebviewMessageTable } from '../../../src/shared/protocolValidation';

describe('protocol: message-action fields', () => {
  const context = { label: 'a.ts:1-2', uri: 'file:///w/a.ts', startLine: 0, endLine: 1, text: 'code' };
  it('accepts an editor context on chat/send, a deleteTurns range, a reveal range and an Apply with a workspace file', () => {
    for (const m of [
      { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x', context },
      { method: 'chat/deleteTurns', conversationId: 'c', fromTurn: 2, count: 2 },
      { method: 'editor/reveal', uri: 'file:///w/a.ts', startLine: 3, endLine: 9 },
      { method: 'code/apply', code: 'x', language: 'ts', file: 'src/a.ts' },
    ]) assert.deepEqual(validateWebviewMessage(m), m);
  });
  for (const [name, m] of [
    ['a context whose range runs backwards', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x', context: { ...context, startLine: 5, endLine: 1 } }],
    ['a context without text', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x', context: { ...context, text: undefined } }],
    ['deleting zero turns', { method: 'chat/deleteTurns', conversationId: 'c', fromTurn: 0, count: 0 }],
    ['a negative line', { method: 'editor/reveal', uri: 'file:///w/a.ts', startLine: -1, endLine: 2 }],
    ['an Apply to a path outside the workspace', { method: 'code/apply', code: 'x', file: '../../.ssh/authorized_keys' }],
    ['an Apply to an absolute path', { method: 'code/apply', code: 'x', file: '/etc/passwd' }],
  ] as const) {
    it(`rejects ${name}`, () => assert.equal(validateWebviewMessage(m), undefined));
  }
});

describe('protocol: chat/send settings fields', () => {
  const base = { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x' };
  it('accepts system prompt, params and an API override', () => {
    const m = { ...base, system: 's', params: { temperature: 0.5, maxTokens: 100, topP: 0.9, reasoning: 'medium' }, api: 'invoke-stream' };
    assert.deepEqual(validateWebviewMessage(m), m);
  });
  for (const [name, extra] of [
    ['an unknown API', { api: 'ftp' }],
    ['a non-integer maxTokens', { params: { maxTokens: 1.5 } }],
    ['a NaN temperature', { params: { temperature: Number.NaN } }],
    ['an out-of-range topP', { params: { topP: 3 } }],
    ['params that are not an object', { params: 'hot' }],
    ['an unknown reasoning level', { params: { reasoning: 'extreme' } }],
    ['a numeric system prompt', { system: 5 }],
  ] as const) {
    it(`rejects ${name}`, () => assert.equal(validateWebviewMessage({ ...base, ...extra }), undefined));
  }
});

describe('protocol: favourites and the default system prompt', () => {
  it('accepts a star, an unstar and a default system prompt; refuses a non-boolean star or a blank model id', () => {
    assert.deepEqual(validateWebviewMessage({ method: 'models/favourite', modelId: 'm', favourite: true }), { method: 'models/favourite', modelId: 'm', favourite: true });
    assert.deepEqual(validateWebviewMessage({ method: 'settings/saveDefaultSystem', system: '' }), { method: 'settings/saveDefaultSystem', system: '' });
    assert.equal(validateWebviewMessage({ method: 'models/favourite', modelId: 'm', favourite: 'yes' }), undefined);
    assert.equal(validateWebviewMessage({ method: 'models/favourite', modelId: '  ', favourite: true }), undefined);
    assert.equal(validateWebviewMessage({ method: 'settings/saveDefaultSystem', system: 5 }), undefined);
  });
});

// The compiler is the test here: each `@ts-expect-error` below fails `npm run typecheck` if the
// line under it ever compiles, i.e. if the table or the switches could drift from the union.
describe('protocol: the field table and the switches follow the message union', () => {
  it('the table has exactly the union methods, each with exactly its fields', () => {
    const { 'editor/focus': _dropped, ...missingMethod } = WEBVIEW_MESSAGE_FIELDS;
    // @ts-expect-error a method of the union without an entry
    const a: WebviewMessageTable = missingMethod;
    // @ts-expect-error an entry for a method the union does not have
    const b: WebviewMessageTable = { ...WEBVIEW_MESSAGE_FIELDS, 'chat/explode': {} };
    // @ts-expect-error a field of the type the table does not check
    const c: WebviewMessageTable = { ...WEBVIEW_MESSAGE_FIELDS, 'chat/cancel': {} };
    // @ts-expect-error an optional field checked as if it were required
    const d: WebviewMessageTable = { ...WEBVIEW_MESSAGE_FIELDS, 'code/insert': { code: WEBVIEW_MESSAGE_FIELDS['code/copy'].code, language: WEBVIEW_MESSAGE_FIELDS['code/copy'].code } };
    assert.ok([a, b, c, d].every((t) => Object.keys(t).length > 0));
    assert.deepEqual(Object.keys(WEBVIEW_MESSAGE_FIELDS).sort(), [...WEBVIEW_METHODS].sort());
  });

  it('a switch that misses a method does not compile', () => {
    const handle = (m: WebviewToHostMessage): string => {
      switch (m.method) {
        case 'webview/ready':
          return 'ready';
        default:
          // @ts-expect-error every other method is still unhandled here
          handledEveryMessage(m);
          return 'unhandled';
      }
    };
    assert.equal(handle({ method: 'webview/ready' }), 'ready');
  });
});

/** Every webview → host method, written out once more so the test notices a method the table gains or loses. */
const WEBVIEW_METHODS: readonly WebviewToHostMessage['method'][] = [
  'webview/ready',
  'chat/send',
  'chat/cancel',
  'chat/deleteTurns',
  'code/apply',
  'editor/reveal',
  'error/action',
  'link/open',
  'code/copy',
  'code/insert',
  'code/openInNewFile',
  'models/list',
  'models/select',
  'models/favourite',
  'settings/saveDefaultSystem',
  'history/list',
  'history/open',
  'history/delete',
  'history/new',
  'editor/focus',
  'image/action',
  'composer/typing',
  'attach/pick',
  'attach/data',
  'attach/uris',
  'agent/approve',
  'agent/pickTools',
  'agent/restore',
  'voice/pickFile',
  'voice/endInput',
  'voice/load',
  'voice/setVoice',
];
