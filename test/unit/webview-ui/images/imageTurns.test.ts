// Image turns in the chat webview (jsdom): the options form follows the picked model, a send
// carries the image options, a reply's gallery renders only data: image URIs, its buttons post
// what they say, and stored images are loaded from the host.
import * as assert from 'node:assert/strict';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { HostToWebviewMessage, ModelOption, WebviewToHostMessage } from '../../../../src/shared/protocol';
import { ChatApp } from '../../../../webview-ui/chat/chatApp';
import { manualFrameScheduler } from '../../../../webview-ui/markdown/frameScheduler';
import { createMarkdownHtmlRenderer } from '../../../../webview-ui/markdown/markdownHtml';
import { createSanitizer } from '../../../../webview-ui/markdown/sanitizer';
import { StreamingMarkdown } from '../../../../webview-ui/markdown/streamingMarkdown';

const PNG_URI = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const CANVAS: ModelOption = {
  id: 'amazon.nova-canvas-v1:0',
  label: 'Nova Canvas — Amazon',
  provider: 'Image generation',
  image: { tasks: ['textToImage', 'variation', 'removeBackground', 'inpaint'], maxImages: 5, maxSeed: 2_147_483_646, sizes: ['1024x1024', '1280x768'], qualities: ['standard', 'premium'], styles: ['PHOTOREALISM'] },
};
const ULTRA: ModelOption = { id: 'stability.stable-image-ultra-v1:1', label: 'Stable Image Ultra', provider: 'Image generation', image: { tasks: ['textToImage'], maxImages: 1, maxSeed: 4_294_967_294, aspectRatios: ['1:1', '16:9'] } };
const TEXT: ModelOption = { id: 'm1', label: 'Model One', provider: 'P', apis: ['converse-stream'] };

function setup() {
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
  const window = dom.window as unknown as Window & typeof globalThis;
  const g = globalThis as Record<string, unknown>;
  g.document = window.document;
  g.window = window;
  g.requestAnimationFrame = () => 0;
  const scheduler = manualFrameScheduler();
  const renderer = createMarkdownHtmlRenderer();
  const sanitizer = createSanitizer(createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]));
  const posted: WebviewToHostMessage[] = [];
  let state: unknown;
  new ChatApp({
    host: { postMessage: (m) => posted.push(m), getState: () => state, setState: (s) => (state = s) },
    root: window.document.body,
    makeMarkdown: (announce) => new StreamingMarkdown({ document: window.document, renderer, sanitizer, scheduler, announce }),
    attachInteractions: () => {},
  });
  const $ = <T extends Element = HTMLElement>(sel: string) => window.document.querySelector(sel) as T;
  const $$ = (sel: string) => Array.from(window.document.querySelectorAll(sel)) as HTMLElement[];
  const fromHost = (m: HostToWebviewMessage) => window.dispatchEvent(new window.MessageEvent('message', { data: m }));
  const last = <M extends WebviewToHostMessage['method']>(method: M) => [...posted].reverse().find((m) => m.method === method) as Extract<WebviewToHostMessage, { method: M }>;
  /** Chooses a model in the picker as a user does: open it, click the model's row. */
  const pick = (id: string) => {
    $<HTMLButtonElement>('#model-picker').click();
    $<HTMLElement>(`[role="option"][data-model-id="${id}"]`).click();
  };
  const send = (text: string) => {
    $<HTMLTextAreaElement>('#prompt').value = text;
    $('#prompt').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    return last('chat/send');
  };
  fromHost({ method: 'models/list', models: [TEXT, CANVAS, ULTRA], selectedModelId: 'm1' });
  return { window, posted, $, $$, fromHost, last, pick, send };
}

describe('image turns in the chat webview (jsdom)', () => {
  afterEach(() => {
    const g = globalThis as Record<string, unknown>;
    delete g.document;
    delete g.window;
    delete g.requestAnimationFrame;
  });

  it('shows the image form only for image models, with that model\'s choices', () => {
    const app = setup();
    assert.equal(app.$('#image-options').hidden, true);
    app.pick(CANVAS.id);
    assert.equal(app.$('#image-options').hidden, false);
    assert.deepEqual(app.$$('#image-size option').map((o) => o.textContent), ['1024×1024', '1280×768']);
    assert.equal(app.$$('#image-count option').length, 5);
    assert.equal(app.$<HTMLTextAreaElement>('#prompt').placeholder, 'Describe the image…');
    app.pick(ULTRA.id);
    assert.deepEqual(app.$$('#image-size option').map((o) => o.textContent), ['1:1', '16:9']);
    assert.equal(app.$<HTMLSelectElement>('#image-count').disabled, true);
    assert.equal(app.$('#image-quality').closest('.image-field')!.hasAttribute('hidden'), true);
    app.pick(TEXT.id);
    assert.equal(app.$('#image-options').hidden, true);
  });

  it('a send with an image model carries the image options; with a text model, none', () => {
    const app = setup();
    app.pick(CANVAS.id);
    app.$<HTMLSelectElement>('#image-size').value = '1280x768';
    app.$<HTMLSelectElement>('#image-count').value = '3';
    app.$<HTMLInputElement>('#image-seed').value = '12';
    app.$<HTMLSelectElement>('#image-style').value = 'PHOTOREALISM';
    app.$<HTMLInputElement>('#image-negative').value = 'people';
    const sent = app.send('a lighthouse');
    assert.deepEqual(sent.image, { task: 'textToImage', negativePrompt: 'people', size: '1280x768', count: 3, seed: 12, quality: 'standard', style: 'PHOTOREALISM' });
    assert.equal(sent.modelId, CANVAS.id);
    const app2 = setup();
    assert.equal(app2.send('hello').image, undefined);
  });

  it('renders the reply\'s gallery from data: URIs only, and announces the filter notice', () => {
    const app = setup();
    app.pick(CANVAS.id);
    const sent = app.send('a lighthouse');
    const r = sent.requestId;
    app.fromHost({ method: 'chat/start', requestId: r, seq: 0, conversationId: sent.conversationId, modelId: CANVAS.id, api: 'invoke' });
    app.fromHost({
      method: 'chat/images',
      requestId: r,
      seq: 1,
      images: [
        { id: 'a1', mime: 'image/png', seed: 12, src: PNG_URI },
        { id: 'a2', mime: 'image/png', seed: 12, src: 'javascript:alert(1)' },
        { id: 'a3', mime: 'image/png', seed: 12, src: 'https://example.com/x.png' },
      ],
      notice: "Nova Canvas's content filter withheld 1 of 2 images.",
    });
    assert.equal(app.$('[role="status"].visually-hidden').textContent, "Nova Canvas's content filter withheld 1 of 2 images.");
    app.fromHost({ method: 'chat/delta', requestId: r, seq: 2, channel: 'text', text: '**1 image** · Nova Canvas · seed 12' });
    app.fromHost({ method: 'chat/end', requestId: r, seq: 3, stopReason: 'end_turn', stats: { modelId: CANVAS.id, api: 'invoke', totalLatencyMs: 900 } });
    const imgs = app.$$('.gallery-image') as HTMLImageElement[];
    assert.deepEqual(imgs.map((i) => i.getAttribute('src')), [PNG_URI]);
    assert.equal(app.$('.gallery-seed').textContent, 'seed 12');
    assert.ok(app.$('.turn-assistant').textContent!.includes('1 image'));
  });

  it('gallery buttons: save posts the image id; regenerate resends with its seed; variations sends the image as input', () => {
    const app = setup();
    app.pick(CANVAS.id);
    const sent = app.send('a lighthouse');
    const r = sent.requestId;
    app.fromHost({ method: 'chat/start', requestId: r, seq: 0, conversationId: sent.conversationId, modelId: CANVAS.id, api: 'invoke' });
    app.fromHost({ method: 'chat/images', requestId: r, seq: 1, images: [{ id: 'a1', mime: 'image/png', seed: 77, src: PNG_URI }] });
    app.fromHost({ method: 'chat/end', requestId: r, seq: 2, stopReason: 'end_turn', stats: { modelId: CANVAS.id, api: 'invoke' } });
    app.$('.image-save').click();
    assert.deepEqual(app.last('image/action'), { method: 'image/action', action: 'save', imageId: 'a1' });
    app.$('.image-regenerate').click();
    const again = app.last('chat/send');
    assert.notEqual(again.requestId, r);
    assert.equal(again.text, 'a lighthouse');
    assert.equal(again.image!.seed, 77);
    assert.equal(again.replaceFromTurn, undefined, 'a new turn, the first result stays');
    app.fromHost({ method: 'chat/error', requestId: again.requestId, seq: 0, error: { kind: 'cancelled', message: 'Stopped.', action: { id: 'none', label: 'OK' } } });
    app.$('.image-variations').click();
    const variation = app.last('chat/send');
    assert.equal(variation.image!.task, 'variation');
    assert.equal(variation.image!.sourceImageId, 'a1');
    assert.equal(variation.image!.captionOnly, true);
  });

  it('a stored image turn asks the host for its pixels and shows them, or says the image is gone', () => {
    const app = setup();
    app.fromHost({
      method: 'history/load',
      conversation: {
        v: 1,
        id: 'c1',
        title: 'lighthouse',
        createdAt: 1,
        updatedAt: 1,
        modelId: CANVAS.id,
        turns: [
          { role: 'user', text: 'a lighthouse', imageOptions: { count: 2 } },
          { role: 'assistant', text: '**2 images**', images: [{ id: 'k1', mime: 'image/png', seed: 1 }, { id: 'k2', mime: 'image/png', seed: 1 }] },
        ],
      },
    });
    const loads = app.posted.filter((m) => m.method === 'image/action');
    assert.deepEqual(loads, [
      { method: 'image/action', action: 'load', imageId: 'k1' },
      { method: 'image/action', action: 'load', imageId: 'k2' },
    ]);
    app.fromHost({ method: 'image/data', imageId: 'k1', src: PNG_URI });
    app.fromHost({ method: 'image/data', imageId: 'k2', problem: 'This image is no longer stored (its file was removed).' });
    assert.equal(app.$$('.gallery-image').length, 1);
    assert.equal(app.$('.gallery-missing').textContent, 'This image is no longer stored (its file was removed).');
  });
});
