// The XSS corpus streamed from the emulator through the real chat panel in Chromium, each payload
// whole and one character at a time. Instrumented, not assumed: alert/xss/confirm/prompt are
// trapped in the webview, CSP violations are listened for, every network request from the
// webview frame is recorded, every message the webview posts to the workbench is captured, and
// the rendered DOM is checked with the same safety rules as the jsdom unit test.
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { Frame, FrameLocator } from 'playwright-core';
import type { EmulatorHandle } from '../emulator/emulator';
import type { Scenario } from '../emulator/scenario';
import { findUnsafeDom } from '../unit/webview-ui/markdown/domSafety';
import { XSS_CORPUS } from '../unit/webview-ui/markdown/xssCorpus';
import { chatPageFrame, openChat } from './chatPage';
import { closeAfterSuite, openWorkbench, type Workbench } from './workbench';
import { frameWhere, webviewOver } from './webviewOver';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
/** `XSS_LIMIT=n` runs the first n payloads (local iteration); the default is the whole corpus. */
const corpus = XSS_CORPUS.slice(0, Number(process.env.XSS_LIMIT) || XSS_CORPUS.length);
const TURNS_PER_CHAT = 12;

const scenario: Scenario = {
  rules: [
    { match: { promptIncludes: 'think-test' }, reply: { reasoning: { text: 'Reasoning about <b>the</b> question.', signature: 'c2lnbmVk' }, text: 'Thought about it.' } },
    ...corpus.flatMap((p, i) => [
      { match: { promptIncludes: `xss-${i}-whole.` }, reply: { text: p.markdown } },
      { match: { promptIncludes: `xss-${i}-chars.` }, reply: { text: p.markdown, chunkChars: 1 } },
    ]),
  ],
};

/** Installed in the webview frame (from outside, so the CSP does not apply to the probe itself). */
function installProbe(): void {
  const w = window as unknown as Record<string, unknown> & { __xss: { hits: string[]; csp: string[] } };
  w.__xss = { hits: [], csp: [] };
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'xss']) {
    w[name] = (...args: unknown[]) => {
      w.__xss.hits.push(`${name}(${args.map(String).join(',')})`);
    };
  }
  document.addEventListener('securitypolicyviolation', (e) => w.__xss.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/**
 * Installed in the chat page: records every message it posts towards the workbench. VS Code's
 * webview API hands messages to a MessagePort (captured at load, but its method is looked up per
 * call), and to the parent window as a fallback; both are tapped.
 */
// Installed in the outer webview frame. The chat page's `postMessage` calls the outer frame's
// `__vscode_post_message__`, which forwards on a MessagePort to the workbench; the port's method
// is looked up per call, so patching the prototype sees every message (and also link clicks the
// outer frame would forward as `did-click-link`). A string, not a function: the test runner's
// transpiler adds helpers (`__name`) that do not exist in the page.
const INSTALL_MESSAGE_TAP = `(() => {
  window.__posted = [];
  const portPost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (...args) {
    const m = args[0];
    if (m && typeof m === 'object' && typeof m.channel === 'string') {
      const method = m.channel === 'onmessage' ? m.data?.message?.method : undefined;
      window.__posted.push(method ? 'onmessage:' + method : m.channel);
    }
    return portPost.apply(this, args);
  };
})()`;

/** Workbench plumbing the outer frame forwards on its own (focus, keys, scrolling, layout). */
const PLUMBING = /^(did-(focus|blur|keydown|keyup|scroll|scroll-wheel)|do-update-state|updated-intrinsic-content-size|did-load-resource.*|webview-ready)$/;

describe('chat panel XSS corpus in Chromium (streamed from the emulator, whole and char by char)', function () {
  // 298 streamed turns in one test: about 100 s on a quiet machine, more on a busy one.
  this.timeout(300_000);
  let emulator: EmulatorHandle;
  let wb: Workbench;
  let chat: FrameLocator;
  let inner: Frame;
  let outer: Frame;
  const webviewRequests: string[] = [];

  before(async () => {
    wb = await openWorkbench({ scenario, settings: { 'bedrock.chat.defaultModel': MODEL } });
    emulator = wb.emulator!;
    // The editor-tab chat: the same page as the side view, with room for 300 turns without wrapping every line.
    await openChat(wb, 'Bedrock: Open Chat in Editor');
    // The explorer's Model Details view is a webview too: take the one in the editor area.
    chat = await webviewOver(wb.page, wb.page.locator('.part.editor'));
    await chat.locator(`#model-picker[data-model-id="${MODEL}"]`).waitFor({ timeout: 30_000 });
    inner = await chatPageFrame(wb.page);
    // The chat's own host frame (the Model Details view's page has one too).
    outer = inner.parentFrame() ?? (await frameWhere(wb.page, () => !!document.getElementById('active-frame')));
    await inner.evaluate(installProbe);
    await outer.evaluate(INSTALL_MESSAGE_TAP);
    wb.page.on('request', (r) => {
      // Anything requested by the chat page (or a frame inside it) from here on is a leak.
      let f: Frame | null = r.frame();
      while (f && f !== inner) f = f.parentFrame();
      if (f === inner) webviewRequests.push(r.url());
    });
  });
  closeAfterSuite('chat-xss', () => wb);

  async function turn(prompt: string, expectedTurns: number): Promise<void> {
    const input = chat.locator('#prompt');
    await input.fill(prompt);
    await input.press('Enter');
    await chat.locator('.turn-assistant:not(.is-streaming)').nth(expectedTurns - 1).waitFor({ timeout: 30_000 });
    await chat.locator('#send').waitFor();
  }

  it('reasoning streams into a collapsible block, as text, and the signed block is sent back next turn', async () => {
    await turn('think-test please', 1);
    const details = chat.locator('.turn-assistant details.reasoning');
    await details.waitFor();
    assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), false, 'collapsed once the reply is done');
    await details.locator('summary').click();
    assert.equal(await details.locator('.reasoning-text').innerText(), 'Reasoning about <b>the</b> question.', 'shown as text, never as markup');
    await turn('and a follow-up', 2);
    const bodies = emulator.requests.filter((r) => r.route === 'ConverseStream').map((r) => r.body as { messages: { role: string; content: Record<string, unknown>[] }[] });
    const replayed = bodies.at(-1)!.messages[1].content[0] as { reasoningContent?: { reasoningText?: { text: string; signature?: string } } };
    assert.deepEqual(replayed.reasoningContent?.reasoningText, { text: 'Reasoning about <b>the</b> question.', signature: 'c2lnbmVk' });
    await chat.locator('#new-chat').click();
  });

  it(`renders ${corpus.length} payloads × 2 (whole, one char per delta): no execution, no request, no unexpected post, safe DOM`, async () => {
    const sendsBefore = emulator.requests.filter((r) => r.route === 'ConverseStream').length;
    const postedBefore = await outer.evaluate(() => (window as unknown as { __posted: string[] }).__posted.length);
    const unsafe: string[] = [];
    let inChat = 0;
    let sent = 0;
    const check = async (label: string) => {
      const html = await chat.locator('#transcript').evaluate((t) => t.outerHTML);
      const dom = new JSDOM(`<body>${html}</body>`);
      for (const md of Array.from(dom.window.document.querySelectorAll('.md-message'))) {
        for (const f of findUnsafeDom(md)) unsafe.push(`${label}: ${f}`);
      }
    };
    for (let i = 0; i < corpus.length; i++) {
      for (const mode of ['whole', 'chars'] as const) {
        if (inChat === TURNS_PER_CHAT) {
          await check(`chat ending at payload ${i}`);
          await chat.locator('#new-chat').click();
          await chat.locator('.empty-hint').waitFor();
          inChat = 0;
        }
        await turn(`xss-${i}-${mode}.`, ++inChat);
        sent++;
      }
    }
    await check('last chat');
    const probe = await inner.evaluate(() => (window as unknown as { __xss: { hits: string[]; csp: string[] } }).__xss);
    const posted = (await outer.evaluate(() => (window as unknown as { __posted: string[] }).__posted)).slice(postedBefore);
    const messages = posted.filter((p) => !PLUMBING.test(p));
    const methods = messages.filter((m) => m.startsWith('onmessage:')).map((m) => m.slice('onmessage:'.length));
    // Typing in the composer tells the host (it warms the connection): expected, carries no payload text.
    const unexpected = messages.filter((m) => !['onmessage:chat/send', 'onmessage:history/new', 'onmessage:composer/typing'].includes(m));
    const sends = emulator.requests.filter((r) => r.route === 'ConverseStream').length - sendsBefore;

    assert.deepEqual(probe.hits, [], 'no script executed');
    assert.deepEqual(probe.csp, [], 'nothing even tried to load or run against the CSP');
    assert.deepEqual(webviewRequests, [], 'no network request from the webview');
    assert.deepEqual(unsafe, [], 'rendered DOM is safe');
    assert.deepEqual(unexpected, [], 'only chat/send and history/new were posted (no links, no code actions, nothing else)');
    assert.equal(methods.filter((m) => m === 'chat/send').length, sent, 'one chat/send per prompt');
    assert.equal(sends, sent, 'one model request per prompt');
    await wb.screenshot('chat-xss-last-chat');
  });
});
