// Image turns without VS Code: the stream messages an image turn posts, what is stored, how the
// request is built from the turn's options, and the gate and history readers for the image fields.
import * as assert from 'node:assert/strict';
import { runImageTurn, imageRequestFor, imageIdsOf, type ImageStore } from '../../../../src/core/chat/imageTurn';
import { ChatTurns } from '../../../../src/core/chat/chatTurns';
import { imageModelOptions, chatModelOptions } from '../../../../src/core/chat/modelOptions';
import { BedrockError, errorAction } from '../../../../src/core/bedrock/errors/classifiedError';
import type { ImageMime, ImageRequest, ImageResult } from '../../../../src/core/bedrock/images/imageRequest';
import type { ChatStreamMessage, PersistedConversation } from '../../../../src/shared/protocol';
import { checkWebviewMessage, validateWebviewMessage } from '../../../../src/shared/protocolValidation';
import { readStoredConversation } from '../../../../src/shared/persistedRecords';
import { shippedDescriptor } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { ScriptedBackend } from './fakeBackend';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const CANVAS = 'amazon.nova-canvas-v1:0';

function memoryStore(): ImageStore & { files: Map<string, { data: Uint8Array; mime: ImageMime }> } {
  const files = new Map<string, { data: Uint8Array; mime: ImageMime }>();
  let n = 0;
  return {
    files,
    put: async (data, mime) => {
      const id = `img-${++n}`;
      files.set(id, { data, mime });
      return id;
    },
    get: async (id) => files.get(id),
  };
}

const result = (req: ImageRequest, n: number, filtered?: ImageResult['filtered']): ImageResult => ({
  modelId: req.modelId,
  target: req.modelId,
  family: 'novaCanvas',
  task: req.task,
  request: { ...req, seed: req.seed ?? 99 },
  images: Array.from({ length: n }, () => ({ data: PNG, mime: 'image/png' as const, seed: req.seed ?? 99 })),
  ...(filtered ? { filtered } : {}),
});

function run(generate: (r: ImageRequest) => Promise<ImageResult>, options = {}, store = memoryStore(), signal = new AbortController().signal) {
  const posted: ChatStreamMessage[] = [];
  const turn = runImageTurn({ generate, store, modelId: CANVAS, prompt: 'a lighthouse', options, requestId: 'r1', conversationId: 'c1', signal, post: (m) => posted.push(m), clock: () => 0 });
  return { posted, turn, store };
}

describe('image turns', () => {
  it('posts start, images, a summary and end in sequence; keeps the images in the store, ids in the turn', async () => {
    const asked: ImageRequest[] = [];
    const { posted, turn, store } = run(async (r) => (asked.push(r), result(r, 2)), { count: 2, seed: 7, size: '1280x768', style: 'PHOTOREALISM', negativePrompt: 'people' });
    const t = await turn;
    assert.deepEqual(posted.map((m) => [m.method, m.seq]), [['chat/start', 0], ['chat/images', 1], ['chat/delta', 2], ['chat/end', 3]]);
    assert.deepEqual(asked[0], { modelId: CANVAS, task: 'textToImage', prompt: 'a lighthouse', negativePrompt: 'people', size: { width: 1280, height: 768 }, count: 2, seed: 7, style: 'PHOTOREALISM' });
    const images = posted[1] as Extract<ChatStreamMessage, { method: 'chat/images' }>;
    assert.equal(images.images.length, 2);
    assert.ok(images.images[0]!.src.startsWith('data:image/png;base64,iVBORw0KGgo'));
    assert.deepEqual(t.images, [{ id: 'img-1', mime: 'image/png', seed: 7 }, { id: 'img-2', mime: 'image/png', seed: 7 }]);
    assert.equal(store.files.size, 2);
    assert.match(t.text, /\*\*2 images\*\* · Nova Canvas · 1280×768 · seed 7/);
    assert.deepEqual(t.stats && [t.stats.api, t.stats.modelId], ['invoke', CANVAS]);
  });

  it('a partly filtered result keeps the survivors and says what was withheld', async () => {
    const { posted, turn } = run(async (r) => result(r, 1, { blocked: 2, requested: 3, modelWording: 'Some of the generated images have been blocked by our content filters.' }), { count: 3 });
    const t = await turn;
    const images = posted[1] as Extract<ChatStreamMessage, { method: 'chat/images' }>;
    assert.equal(images.images.length, 1);
    assert.match(images.notice!, /withheld 2 of 3 images \("Some of the generated images have been blocked by our content filters\."\)\. The image that passed is shown\./);
    assert.match(t.text, /withheld 2 of 3/);
  });

  it('a refusal becomes the turn\'s error, with the model\'s wording', async () => {
    const message = "Nova Canvas's content filter blocked the prompt, so nothing was generated: \"This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.\"";
    const { posted, turn } = run(async () => {
      throw new BedrockError({ kind: 'validation', message, action: errorAction('none'), status: 400 });
    });
    const t = await turn;
    assert.deepEqual(posted.map((m) => m.method), ['chat/start', 'chat/error']);
    assert.equal(t.error?.message, message);
    assert.equal(t.images, undefined);
  });

  it('input images come from the store; a missing one is named, nothing is sent', async () => {
    const store = memoryStore();
    const id = await store.put(PNG, 'image/png');
    const req = await imageRequestFor({ modelId: CANVAS, prompt: 'Remove the background of cat.png', options: { task: 'removeBackground', sourceImageId: id, captionOnly: true, seed: 4, size: '512x512' }, store });
    assert.deepEqual(req, { modelId: CANVAS, task: 'removeBackground', image: PNG });
    const caption = await imageRequestFor({ modelId: CANVAS, prompt: 'Variations of cat.png', options: { task: 'variation', sourceImageId: id, captionOnly: true }, store });
    assert.equal((caption as ImageRequest).prompt, undefined);
    let called = false;
    const { turn } = run(async (r) => ((called = true), result(r, 1)), { task: 'variation', sourceImageId: 'gone' }, store);
    assert.match((await turn).error!.message, /input image is no longer available/);
    assert.equal(called, false);
  });

  it('the chat runs an image model\'s turn as an image turn and keeps its options with the user turn', async () => {
    const saved = new Map<string, PersistedConversation>();
    const asked: ImageRequest[] = [];
    const backend = Object.assign(
      new ScriptedBackend(async function* () {
        throw new Error('a text stream was started for an image model');
      }),
      { generateImage: async (r: ImageRequest) => (asked.push(r), result(r, 1)) },
    );
    const posted: ChatStreamMessage[] = [];
    const turns = new ChatTurns({ backend, history: { get: (id) => saved.get(id), save: async (c) => void saved.set(c.id, structuredClone(c)) }, post: (m) => posted.push(m), images: memoryStore() });
    const model = { id: CANVAS, label: 'Nova Canvas', image: { tasks: ['textToImage' as const], maxImages: 5, maxSeed: 2_147_483_646 } };
    const conv = await turns.send({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'a red fox', image: { count: 1, seed: 5 } }, CANVAS, model);
    assert.equal(asked[0]!.prompt, 'a red fox');
    assert.deepEqual(conv!.turns[0]!.imageOptions, { count: 1, seed: 5 });
    assert.equal(conv!.turns[1]!.images!.length, 1);
    assert.equal(backend.requests.length, 0);
    assert.equal(posted.at(-1)!.method, 'chat/end');
    // What was stored reads back with its images.
    assert.deepEqual(readStoredConversation(saved.get('c1'))!.turns[1]!.images, conv!.turns[1]!.images);
  });

  it('without an image store the turn fails with a clear message instead of hanging', async () => {
    const backend = new ScriptedBackend(async function* () {});
    const posted: ChatStreamMessage[] = [];
    const turns = new ChatTurns({ backend, history: { get: () => undefined, save: async () => {} }, post: (m) => posted.push(m) });
    await turns.send({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'x' }, CANVAS, { id: CANVAS, label: 'C', image: { tasks: ['textToImage'], maxImages: 1, maxSeed: 1 } });
    const end = posted.at(-1)!;
    assert.equal(end.method, 'chat/error');
    assert.match((end as Extract<ChatStreamMessage, { method: 'chat/error' }>).error.message, /Images cannot be generated here/);
  });
});

describe('a conversation\'s images', () => {
  it('are its replies\' images and the input images its turns were sent with, each once', () => {
    const conv: PersistedConversation = {
      v: 1,
      id: 'c',
      title: 't',
      createdAt: 1,
      updatedAt: 1,
      turns: [
        { role: 'user', text: 'a', imageOptions: { count: 2 } },
        { role: 'assistant', text: 'x', images: [{ id: 'g1', mime: 'image/png' }, { id: 'g2', mime: 'image/png' }] },
        { role: 'user', text: 'Variations of this image', imageOptions: { task: 'variation', sourceImageId: 'g1' } },
        { role: 'user', text: 'Remove the background of cat.png', imageOptions: { task: 'removeBackground', sourceImageId: 'in-1' } },
        { role: 'assistant', text: 'hello' },
      ],
    };
    assert.deepEqual(imageIdsOf(conv), ['g1', 'g2', 'in-1']);
    assert.deepEqual(imageIdsOf(undefined), []);
  });
});

describe('image messages at the gate and in history', () => {
  it('accepts image options and gallery actions, copying only known fields', () => {
    const send = validateWebviewMessage({ method: 'chat/send', requestId: 'r', conversationId: 'c', text: 't', image: { count: 2, seed: 0, size: '1024x1024', task: 'variation', sourceImageId: 'abc-123', evil: 'x' } });
    assert.deepEqual(send, { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 't', image: { task: 'variation', size: '1024x1024', count: 2, seed: 0, sourceImageId: 'abc-123' } });
    assert.deepEqual(validateWebviewMessage({ method: 'image/action', action: 'save', imageId: 'abc-123' }), { method: 'image/action', action: 'save', imageId: 'abc-123' });
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['a count of 0', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 't', image: { count: 0 } }, /image options are not valid \(count/],
    ['an unknown task', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 't', image: { task: 'upscale' } }, /task/],
    ['a path as the source image', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 't', image: { task: 'variation', sourceImageId: '../../etc/passwd' } }, /sourceImageId/],
    ['a variation without a source', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 't', image: { task: 'variation' } }, /needs an input image/],
    ['an unknown gallery action', { method: 'image/action', action: 'delete', imageId: 'a' }, /load, save or copy/],
    ['a path as an image id', { method: 'image/action', action: 'load', imageId: '/tmp/x.png' }, /not an image id/],
  ];
  for (const [name, msg, problem] of bad) {
    it(`refuses ${name}, and says why`, () => {
      const checked = checkWebviewMessage(msg);
      assert.equal(checked.ok, false);
      assert.match((checked as { problem: string }).problem, problem);
    });
  }

  it('a stored turn with a bad image entry keeps the turn and the good images, drops the bad one', () => {
    const good = { id: 'abc', mime: 'image/png', seed: 3 };
    const conv = readStoredConversation({ v: 1, id: 'c', title: 't', createdAt: 1, updatedAt: 1, turns: [{ role: 'assistant', text: 'x', images: [{ id: '../x', mime: 'image/png' }, good] }] });
    assert.equal(conv!.turns.length, 1);
    assert.deepEqual(conv!.turns[0]!.images, [good]);
  });
});

describe('image models in the picker', () => {
  it('lists the image models it can call after every chat model, with their options', () => {
    const ds = [CANVAS, 'amazon.titan-image-generator-v2:0', 'stability.stable-image-inpaint-v1:0', 'amazon.nova-pro-v1:0'].map((id) => shippedDescriptor(id, SHIPPED_MODELS));
    const images = imageModelOptions(ds);
    // The inpaint service is listed with its one task (the explorer's commands run it as an image turn).
    assert.deepEqual(images.map((m) => m.id), [CANVAS, 'stability.stable-image-inpaint-v1:0', 'amazon.titan-image-generator-v2:0']);
    assert.deepEqual(images[1]!.image!.tasks, ['maskInpaint']);
    assert.equal(images[0]!.provider, 'Image generation');
    assert.deepEqual(images[0]!.image!.qualities, ['standard', 'premium']);
    assert.ok(images[0]!.image!.sizes!.includes('1024x1024'));
    assert.equal(images[2]!.image!.styles, undefined);
    const chat = chatModelOptions(ds, () => ({ request: { modelId: '', task: 'chat', features: {} }, baseModelId: '', steps: [], notes: [] }));
    assert.ok(chat.every((m) => !m.image));
  });
});
