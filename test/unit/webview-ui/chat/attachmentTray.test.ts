// The composer's attachment chips in jsdom: what the host accepted appears as a removable chip, is
// sent with the next message (then the tray empties), shows under the sent message and under a
// reloaded one; Retry sends the same attachments again; refusals show as an alert; the Attach menu
// and drops from VS Code's explorer post their requests. (Image downscaling needs a real canvas: the
// e2e tier covers it in Chromium.)
import * as assert from 'node:assert/strict';
import type { WebviewToHostMessage } from '../../../../src/shared/protocol';
import type { WireAttachment } from '../../../../src/shared/attachments';
import { setup as chatApp, teardown } from './chatAppFixture';

const IMAGE: WireAttachment = { id: 'a1', kind: 'image', name: 'shot.png', format: 'png', size: 70, source: { sha256: 'f'.repeat(64) }, note: 'downscaled from 9,000 × 10 to 8,000 × 8 px' };
const DOC: WireAttachment = { id: 'a2', kind: 'document', name: 'docs/Q3.pdf', format: 'pdf', size: 900, source: { uri: 'file:///ws/docs/Q3.pdf' } };

function setup() {
  const app = chatApp();
  const sends = () => app.posted.filter((m): m is Extract<WebviewToHostMessage, { method: 'chat/send' }> => m.method === 'chat/send');
  return { ...app, sends };
}

describe('attachment chips (jsdom)', () => {
  afterEach(teardown);

  it('shows accepted attachments as chips with an icon, the name and the downscaling note', () => {
    const app = setup();
    assert.equal(app.$('.attachment-tray').hidden, true);
    app.fromHost({ method: 'attach/added', attachment: IMAGE });
    app.fromHost({ method: 'attach/added', attachment: DOC });
    assert.equal(app.$('.attachment-tray').hidden, false);
    const chips = app.$$('.attachment-tray .attachment-chip');
    assert.deepEqual(chips.map((c) => c.querySelector('.attachment-chip-label')!.textContent), ['shot.png', 'Q3.pdf']);
    assert.ok(chips[0].querySelector('.codicon-file-media') && chips[1].querySelector('.codicon-file-pdf'));
    assert.equal(chips[0].querySelector('.attachment-chip-note')!.textContent, 'downscaled from 9,000 × 10 to 8,000 × 8 px');
    assert.equal(chips[1].querySelector('button')!.getAttribute('aria-label'), 'Remove attachment docs/Q3.pdf');
  });

  it('Delete on a chip`s remove button removes it and keeps the keyboard in the tray', () => {
    const app = setup();
    app.fromHost({ method: 'attach/added', attachment: IMAGE });
    app.fromHost({ method: 'attach/added', attachment: DOC });
    const first = app.$<HTMLButtonElement>('.attachment-chip-remove');
    first.focus();
    app.key(first, 'Delete');
    assert.deepEqual(app.$$('.attachment-tray .attachment-chip-label').map((c) => c.textContent), ['Q3.pdf']);
    assert.equal(app.window.document.activeElement, app.$('.attachment-chip-remove'));
    app.$<HTMLButtonElement>('.attachment-chip-remove').click();
    assert.equal(app.$('.attachment-tray').hidden, true);
  });

  it('sends the chips with the message, empties the tray, and shows them under the sent message; Retry resends them', () => {
    const app = setup();
    app.fromHost({ method: 'attach/added', attachment: IMAGE });
    const sent = app.send('What is in the picture?');
    assert.deepEqual(sent.attachments, [IMAGE]);
    assert.equal(app.$('.attachment-tray').hidden, true);
    assert.deepEqual(app.$$('.turn-user .attachment-chip-label').map((c) => c.textContent), ['shot.png']);
    assert.equal(app.$$('.turn-user .attachment-chip-remove').length, 0, 'sent chips cannot be removed');
    app.fromHost({ method: 'chat/error', requestId: sent.requestId, seq: 0, error: { kind: 'throttled', message: 'Busy', action: { id: 'retry', label: 'Retry' } } });
    (app.$$('button').find((b) => /Retry/.test(b.textContent ?? '')) as HTMLButtonElement).click();
    const again = app.sends().pop()!;
    assert.notEqual(again.requestId, sent.requestId);
    assert.deepEqual(again.attachments, [IMAGE]);
    app.fromHost({ method: 'chat/error', requestId: again.requestId, seq: 0, error: { kind: 'cancelled', message: 'Stopped.', action: { id: 'none', label: '' } } });
    const next = app.send('And without it?');
    assert.notEqual(next.requestId, again.requestId);
    assert.equal(next.attachments, undefined);
  });

  it('chips not yet sent are kept in the view`s saved state and come back when it reloads; a malformed one is dropped', () => {
    const first = chatApp();
    first.fromHost({ method: 'attach/added', attachment: IMAGE });
    first.fromHost({ method: 'attach/added', attachment: DOC });
    first.$<HTMLButtonElement>('.attachment-chip-remove').click();
    assert.deepEqual(first.state().attachments, [DOC]);
    first.fromHost({ method: 'attach/added', attachment: IMAGE });
    const saved = structuredClone(first.state());
    const reloaded = chatApp({ ...saved, attachments: [...saved.attachments!, { ...IMAGE, id: 'a3', source: { sha256: 'not-a-hash' } }] });
    assert.deepEqual(reloaded.$$('.attachment-tray .attachment-chip-label').map((c) => c.textContent), ['Q3.pdf', 'shot.png']);
    reloaded.type('Compare them');
    reloaded.key(reloaded.$('#prompt'), 'Enter');
    assert.deepEqual(reloaded.last('chat/send').attachments, [DOC, IMAGE]);
    assert.equal(reloaded.state().attachments, undefined, 'sent chips leave the saved state');
  });

  it('a reloaded conversation shows each message`s chips', () => {
    const app = setup();
    app.fromHost({ method: 'history/load', conversation: { v: 1, id: 'c', title: 't', createdAt: 1, updatedAt: 1, turns: [{ role: 'user', text: 'Read', attachments: [DOC] }, { role: 'assistant', text: 'Done' }] } });
    assert.deepEqual(app.$$('.turn-user .attachment-chip-label').map((c) => c.textContent), ['Q3.pdf']);
  });

  it('a refusal shows as an alert naming the file; the next accepted attachment clears it', () => {
    const app = setup();
    app.fromHost({ method: 'attach/refused', message: '.env is a credentials file; the chat never attaches credentials.' });
    const alert = app.$('.attachment-error');
    assert.equal(alert.getAttribute('role'), 'alert');
    assert.equal(alert.hidden, false);
    assert.match(alert.textContent!, /\.env is a credentials file/);
    app.fromHost({ method: 'attach/added', attachment: IMAGE });
    assert.equal(alert.hidden, true);
  });

  it('the Attach menu opens from the keyboard and posts what to attach; drops from the explorer post their URIs', () => {
    const app = setup();
    const toggle = app.$<HTMLButtonElement>('#attach');
    toggle.click();
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    const items = app.$$('.attach-menu [role="menuitem"]');
    assert.equal(app.window.document.activeElement, items[0]);
    app.key(items[0], 'ArrowDown');
    assert.equal(app.window.document.activeElement, items[1]);
    (items[2] as HTMLButtonElement).click();
    assert.deepEqual(app.posted.at(-1), { method: 'attach/pick', what: 'selection' });
    assert.equal(app.$('.attach-menu').hidden, true);
    const drop = new app.window.Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, 'dataTransfer', { value: { getData: (t: string) => (t === 'text/uri-list' ? 'file:///ws/a.ts\r\n# comment\r\nfile:///ws/b.md' : ''), files: [] } });
    app.$('.composer').dispatchEvent(drop);
    assert.deepEqual(app.posted.at(-1), { method: 'attach/uris', uris: ['file:///ws/a.ts', 'file:///ws/b.md'] });
  });
});
