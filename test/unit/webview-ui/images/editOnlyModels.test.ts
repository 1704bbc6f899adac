// Models that only edit images (Stability's Remove Background, Search and Replace…) in the chat
// webview (jsdom): the picker does not offer them, and an explorer command that runs one sends that
// turn with its model and the options it was given, while the chat keeps its model for the next
// message, and Regenerate on the result asks the edit-only model again. A model that draws from
// text (Nova Canvas) is still selected by the same command.
import * as assert from 'node:assert/strict';
import type { ModelOption } from '../../../../src/shared/protocol';
import { setup as setupChatApp, teardown } from '../chat/chatAppFixture';

const CANVAS: ModelOption = {
  id: 'amazon.nova-canvas-v1:0',
  label: 'Nova Canvas',
  provider: 'Image generation',
  image: { tasks: ['textToImage', 'variation', 'removeBackground', 'inpaint'], maxImages: 5, maxSeed: 2_147_483_646, sizes: ['1024x1024'] },
};
const SEARCH_REPLACE: ModelOption = { id: 'stability.stable-image-search-replace-v1:0', label: 'Stable Image Search and Replace', provider: 'Image generation', image: { tasks: ['inpaint'], maxImages: 1, maxSeed: 4_294_967_294 } };
const PNG_URI = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const TEXT: ModelOption = { id: 'm1', label: 'Model One', provider: 'P', apis: ['converse-stream'] };

function setup() {
  const app = setupChatApp();
  app.fromHost({ method: 'models/list', models: [TEXT, CANVAS, SEARCH_REPLACE], selectedModelId: 'm1' });
  return app;
}

describe('edit-only image models in the chat webview (jsdom)', () => {
  afterEach(teardown);

  it('the picker lists the models that answer a message, not the edit-only ones', () => {
    const app = setup();
    app.$<HTMLButtonElement>('#model-picker').click();
    const offered = app.$$('[role="option"]').map((o) => o.dataset.modelId);
    assert.ok(offered.includes('m1') && offered.includes(CANVAS.id), offered.join(', '));
    assert.ok(!offered.includes(SEARCH_REPLACE.id), offered.join(', '));
  });

  it('an edit with an edit-only model sends that turn with it and its own options; the chat keeps its model', () => {
    const app = setup();
    const image = { task: 'inpaint' as const, sourceImageId: '0f8fad5b-d9cb-469f-a165-70867728950e', maskPrompt: 'the car' };
    app.fromHost({ method: 'chat/prefill', text: 'a bicycle', send: true, modelId: SEARCH_REPLACE.id, image });
    const sent = app.last('chat/send');
    assert.equal(sent.modelId, SEARCH_REPLACE.id);
    assert.deepEqual(sent.image, image, 'only the options the command gave: no count or size from another model\'s form');
    assert.equal(app.$('#model-picker').dataset.modelId, 'm1');
    assert.ok(!app.posted.some((m) => m.method === 'models/select'), 'the chat model is not changed');

    // Regenerate on its result asks the edit-only model again, with the same seed; not the chat's model.
    const r = sent.requestId;
    app.fromHost({ method: 'chat/start', requestId: r, seq: 0, conversationId: sent.conversationId, modelId: SEARCH_REPLACE.id, api: 'invoke' });
    app.fromHost({ method: 'chat/images', requestId: r, seq: 1, images: [{ id: 'a1', mime: 'image/png', seed: 5, src: PNG_URI }] });
    app.fromHost({ method: 'chat/end', requestId: r, seq: 2, stopReason: 'end_turn', stats: { modelId: SEARCH_REPLACE.id, api: 'invoke' } });
    app.$('.image-regenerate').click();
    const again = app.last('chat/send');
    assert.notEqual(again.requestId, r);
    assert.equal(again.modelId, SEARCH_REPLACE.id);
    assert.deepEqual(again.image, { ...image, seed: 5 });
  });

  it('an edit with Nova Canvas selects it, as before: it can answer the next message too', () => {
    const app = setup();
    app.fromHost({ method: 'chat/prefill', text: 'Remove the background of a.png', send: true, modelId: CANVAS.id, image: { task: 'removeBackground', sourceImageId: '0f8fad5b-d9cb-469f-a165-70867728950e', captionOnly: true } });
    assert.equal(app.last('chat/send').modelId, CANVAS.id);
    assert.equal(app.$('#model-picker').dataset.modelId, CANVAS.id);
  });
});
