// Image turns in the chat webview (jsdom): the options form follows the picked model, a send
// carries the image options, a reply's gallery renders only data: image URIs, its buttons post
// what they say, and stored images are loaded from the host.
import * as assert from 'node:assert/strict';
import { setup as chatApp, teardown } from '../chat/chatAppFixture';
import type { ModelOption } from '../../../../src/shared/protocol';

const PNG_URI = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const CANVAS: ModelOption = {
  id: 'amazon.nova-canvas-v1:0',
  label: 'Nova Canvas — Amazon',
  provider: 'Image generation',
  image: { tasks: ['textToImage', 'variation', 'removeBackground', 'inpaint'], maxImages: 5, maxSeed: 2_147_483_646, sizes: ['1024x1024', '1280x768'], qualities: ['standard', 'premium'], styles: ['PHOTOREALISM'] },
};
const ULTRA: ModelOption = { id: 'stability.stable-image-ultra-v1:1', label: 'Stable Image Ultra', provider: 'Image generation', image: { tasks: ['textToImage'], maxImages: 1, maxSeed: 4_294_967_294, aspectRatios: ['1:1', '16:9'] } };
const TEXT: ModelOption = { id: 'm1', label: 'Model One', provider: 'P', apis: ['converse-stream'] };

/** The chat app with a text model and two image models listed. */
function setup() {
  const app = chatApp();
  /** Chooses a model in the picker as a user does: open it, click the model's row. */
  const pick = (id: string) => {
    app.$<HTMLButtonElement>('#model-picker').click();
    app.$<HTMLElement>(`[role="option"][data-model-id="${id}"]`).click();
  };
  app.fromHost({ method: 'models/list', models: [TEXT, CANVAS, ULTRA], selectedModelId: 'm1' });
  return { ...app, pick };
}

describe('image turns in the chat webview (jsdom)', () => {
  afterEach(teardown);

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
