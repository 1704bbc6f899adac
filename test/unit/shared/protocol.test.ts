import * as assert from 'node:assert/strict';
import { readPersistedWebviewState } from '../../../src/shared/persistedReaders';
import type { WebviewToHostMessage } from '../../../src/shared/protocol';
import { MAX_TEXT, checkWebviewMessage, isSafeLinkHref, openableLinkHref, validateWebviewMessage } from '../../../src/shared/protocolValidation';

describe('protocol: validateWebviewMessage', () => {
  const valid: WebviewToHostMessage[] = [
    { method: 'webview/ready' },
    { method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'hello' },
    { method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: '', modelId: 'us.anthropic.claude', replaceFromTurn: 2 },
    { method: 'chat/cancel', requestId: 'r1' },
    { method: 'error/action', requestId: 'r1', actionId: 'retry' },
    { method: 'link/open', href: 'https://example.com/a?b=c#d' },
    { method: 'link/open', href: 'mailto:someone@example.com' },
    { method: 'code/copy', code: 'let x = 1;' },
    { method: 'code/insert', code: 'x', language: 'ts' },
    { method: 'code/openInNewFile', code: '', language: 'c++' },
    { method: 'code/openInNewFile', code: 'x' },
    { method: 'models/list' },
    { method: 'models/select', modelId: 'arn:aws:bedrock:us-east-1::foundation-model/x' },
    { method: 'history/list' },
    { method: 'history/open', conversationId: 'c1' },
    { method: 'history/delete', conversationId: 'c1' },
    { method: 'history/new', conversationId: 'c2' },
    { method: 'editor/focus' },
    { method: 'composer/typing' },
  ];

  for (const msg of valid) {
    it(`accepts a well-formed ${msg.method}${'language' in msg ? ' with language' : ''}`, () => {
      assert.deepEqual(validateWebviewMessage(structuredClone(msg)), msg);
    });
  }

  it('returns a copy with unknown fields stripped', () => {
    const out = validateWebviewMessage({ method: 'chat/cancel', requestId: 'r', extra: { evil: true } });
    assert.deepEqual(out, { method: 'chat/cancel', requestId: 'r' });
  });

  const malformed: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'webview/ready'],
    ['an array', [{ method: 'webview/ready' }]],
    ['no method', { requestId: 'r' }],
    ['a non-string method', { method: 42 }],
    ['an unknown method', { method: 'chat/explode' }],
    ['a host-only method', { method: 'chat/delta', requestId: 'r', seq: 1, channel: 'text', text: 'x' }],
    ['chat/send without text', { method: 'chat/send', requestId: 'r', conversationId: 'c' }],
    ['chat/send with numeric text', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 5 }],
    ['chat/send with empty requestId', { method: 'chat/send', requestId: '', conversationId: 'c', text: 'x' }],
    ['chat/send with oversized text', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x'.repeat(MAX_TEXT + 1) }],
    ['chat/send with a fractional replaceFromTurn', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x', replaceFromTurn: 1.5 }],
    ['chat/send with a negative replaceFromTurn', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x', replaceFromTurn: -1 }],
    ['chat/send with a non-string modelId', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x', modelId: {} }],
    ['chat/cancel without requestId', { method: 'chat/cancel' }],
    ['error/action with an unknown action', { method: 'error/action', requestId: 'r', actionId: 'rm -rf' }],
    ['link/open javascript:', { method: 'link/open', href: 'javascript:alert(1)' }],
    ['link/open data:', { method: 'link/open', href: 'data:text/html,<script>alert(1)</script>' }],
    ['link/open command:', { method: 'link/open', href: 'command:workbench.action.terminal.new' }],
    ['link/open file:', { method: 'link/open', href: 'file:///etc/passwd' }],
    ['link/open relative', { method: 'link/open', href: '/etc/passwd' }],
    ['link/open non-string', { method: 'link/open', href: ['https://x'] }],
    ['code/copy without code', { method: 'code/copy' }],
    ['code/insert with a bad language', { method: 'code/insert', code: 'x', language: 'ts"><script>' }],
    ['models/select without modelId', { method: 'models/select' }],
    ['history/open with a numeric id', { method: 'history/open', conversationId: 7 }],
  ];
  for (const [name, raw] of malformed) {
    it(`rejects ${name}`, () => {
      assert.equal(validateWebviewMessage(raw), undefined);
    });
  }

  it('never throws on hostile objects', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    assert.equal(validateWebviewMessage(hostile), undefined);
  });
});

describe('protocol: isSafeLinkHref', () => {
  const ok = ['http://example.com', 'https://example.com/path?q=1#x', 'HTTPS://EXAMPLE.COM', 'mailto:a@b.c'];
  const bad = [
    '',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'file:///etc/passwd',
    'command:workbench.action.reloadWindow',
    'vscode://ms-vscode.x',
    '//evil.example',
    '/relative',
    '#frag',
    'http:evil',
    'https:/evil',
    'mailto:',
    'https://exa mple.com',
  ];
  for (const href of ok) it(`allows ${href}`, () => assert.equal(isSafeLinkHref(href), true));
  for (const href of bad) it(`refuses ${JSON.stringify(href)}`, () => assert.equal(isSafeLinkHref(href), false));
});

describe('protocol: checkWebviewMessage says what was wrong', () => {
  const send = { method: 'chat/send', requestId: 'r9', conversationId: 'c', text: 'x' };

  it('a chat/send over the size limit keeps its requestId, so it can be answered', () => {
    const checked = checkWebviewMessage({ ...send, text: 'x'.repeat(MAX_TEXT + 1) });
    assert.ok(!checked.ok);
    assert.equal(checked.requestId, 'r9');
    assert.equal(checked.method, 'chat/send');
    assert.match(checked.problem, /the message is 2,000,001 characters, more than the 2,000,000 the chat accepts/);
  });

  for (const modelId of ['', '   ', '\t\n']) {
    it(`refuses the model id ${JSON.stringify(modelId)} and names it`, () => {
      const checked = checkWebviewMessage({ ...send, modelId });
      assert.ok(!checked.ok);
      assert.equal(checked.requestId, 'r9');
      assert.match(checked.problem, /the model id is empty/);
    });
  }

  it('a blank model id is refused for models/select too', () => {
    assert.equal(validateWebviewMessage({ method: 'models/select', modelId: '  ' }), undefined);
  });

  it('has no requestId to answer when the requestId itself is bad', () => {
    const checked = checkWebviewMessage({ ...send, requestId: 5, text: 7 });
    assert.ok(!checked.ok);
    assert.equal(checked.requestId, undefined);
    assert.match(checked.problem, /requestId is missing or not a string/);
  });

  it('only a requestId of chat/send is answered', () => {
    const checked = checkWebviewMessage({ method: 'error/action', requestId: 'r', actionId: 'rm -rf' });
    assert.ok(!checked.ok);
    assert.equal(checked.requestId, undefined);
  });

  it('echoes only a plain method name (the log line is built from it)', () => {
    const checked = checkWebviewMessage({ method: 'x\n[error] forged log line' });
    assert.ok(!checked.ok);
    assert.equal(checked.method, 'unknown');
  });

  it('a hostile object that throws mid-check still yields its requestId', () => {
    const hostile = new Proxy({ method: 'chat/send', requestId: 'r1' } as Record<string, unknown>, {
      get: (t, k) => (k === 'conversationId' ? (() => { throw new Error('boom'); })() : t[k as string]),
    });
    const checked = checkWebviewMessage(hostile);
    assert.ok(!checked.ok);
    assert.equal(checked.requestId, 'r1');
  });
});

describe('links: one policy for rendering and opening', () => {
  it('opens a link with an upper-case scheme, with the scheme lower-cased', () => {
    assert.equal(openableLinkHref('HTTPS://EXAMPLE.COM/Path'), 'https://EXAMPLE.COM/Path');
    assert.equal(openableLinkHref('Http://example.com'), 'http://example.com');
    assert.equal(openableLinkHref('MAILTO:a@b.c'), 'mailto:a@b.c');
  });
  it('what the webview renders as a link is exactly what the host opens', () => {
    for (const href of ['HTTPS://X.EXAMPLE', 'https://x.example', 'mailto:a@b.c', 'javascript:alert(1)', 'HTTP:evil', 'command:x', 'FILE:///etc/passwd']) {
      assert.equal(isSafeLinkHref(href), openableLinkHref(href) !== undefined, href);
    }
    assert.equal(openableLinkHref('JAVASCRIPT:alert(1)'), undefined);
    assert.equal(openableLinkHref(42), undefined);
  });
});

describe('protocol: readPersistedWebviewState', () => {
  it('keeps a current-version state', () => {
    const s = { v: 1, draft: 'hi', conversationId: 'c', selectedModelId: 'm', scrollTop: 10, agent: true };
    assert.deepEqual(readPersistedWebviewState(s), s);
  });
  it('keeps agent mode only as true (anything else is off)', () => {
    assert.deepEqual(readPersistedWebviewState({ v: 1, draft: '', agent: 'yes' }), { v: 1, draft: '' });
    assert.deepEqual(readPersistedWebviewState({ v: 1, draft: '', agent: false }), { v: 1, draft: '' });
  });
  it('drops unknown versions and malformed state', () => {
    assert.equal(readPersistedWebviewState({ v: 2, draft: '' }), undefined);
    assert.equal(readPersistedWebviewState({ draft: '' }), undefined);
    assert.equal(readPersistedWebviewState('x'), undefined);
    assert.equal(readPersistedWebviewState(null), undefined);
  });
  it('drops bad optional fields but keeps the rest', () => {
    assert.deepEqual(readPersistedWebviewState({ v: 1, draft: 'd', scrollTop: -5, conversationId: 3 }), { v: 1, draft: 'd' });
  });
  it('keeps the good fields when the draft is missing or not text', () => {
    assert.deepEqual(readPersistedWebviewState({ v: 1 }), { v: 1, draft: '' });
    assert.deepEqual(readPersistedWebviewState({ v: 1, draft: 42, conversationId: 'c', selectedModelId: 'm', scrollTop: 5 }), {
      v: 1,
      draft: '',
      conversationId: 'c',
      selectedModelId: 'm',
      scrollTop: 5,
    });
  });
  it('keeps the tray`s well-formed chips and drops each malformed one', () => {
    const chip = { id: 'a1', kind: 'image', name: 'shot.png', format: 'png', size: 70, source: { sha256: 'a'.repeat(64) } };
    const read = readPersistedWebviewState({ v: 1, draft: '', attachments: [chip, { ...chip, id: 'a2', source: { path: '/etc/passwd' } }, 'x', { ...chip, id: 'a3', kind: 'script' }] });
    assert.deepEqual(read, { v: 1, draft: '', attachments: [chip] });
    assert.deepEqual(readPersistedWebviewState({ v: 1, draft: '', attachments: 'all' }), { v: 1, draft: '' });
    assert.equal(readPersistedWebviewState({ v: 1, draft: '', attachments: Array(40).fill(chip) })!.attachments!.length, 25, 'at most one message`s worth');
  });
  it('drops a blank model id and a non-finite scroll position', () => {
    assert.deepEqual(readPersistedWebviewState({ v: 1, draft: 'd', selectedModelId: '   ', scrollTop: Infinity }), { v: 1, draft: 'd' });
  });
});
