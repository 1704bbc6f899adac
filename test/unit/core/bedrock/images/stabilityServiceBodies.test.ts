// The nine Stability services a mask, margins, an upscale or a second image drive: each body as the
// service's schema takes it, and each check made before a call is paid for (sizes, masks, the alpha
// channel standing in for a mask, Outpaint's margins, Style Transfer's second image); then how an
// image turn's options carry the extra inputs, and the webview gate on those options.
import assert from 'node:assert/strict';
import { imageBody, imageRequestProblem } from '../../../../../src/core/bedrock/images/imageBodies';
import { imageTraitsOf } from '../../../../../src/core/bedrock/images/imageFamily';
import type { ImageMime, ImageRequest } from '../../../../../src/core/bedrock/images/imageRequest';
import { hasAlphaChannel, maskProblem, outpaintProblem, parseOutpaintMargins } from '../../../../../src/core/bedrock/images/stabilityServiceChecks';
import { imageIdsOf, imageRequestFor, type ImageStore } from '../../../../../src/core/chat/imageTurn';
import { shippedDescriptor } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { buildModelTree } from '../../../../../src/core/explorer/modelTree';
import { rowOf } from '../../../../../src/core/explorer/treeRows';
import { checkWebviewMessage } from '../../../../../src/shared/protocolValidation';
import { generatedPicture } from '../../../../emulator/png';
import { jpegOfSize, pngOfSize } from '../adapters/mediaSamples';
import { CONSERVATIVE, CREATIVE, ERASE, FAST, INPAINT, OUTPAINT, SKETCH, STYLE_GUIDE, STYLE_TRANSFER } from '../../../../fixtures/stabilityModelIds';


/** pngOfSize declares an RGBA PNG (colour type 6): it has an alpha channel. */
const IMAGE = pngOfSize(512, 384);
const MASK = pngOfSize(512, 384);
const STYLE = pngOfSize(300, 300);
const OPAQUE = new Uint8Array(generatedPicture('opaque', 96, 72));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const r = (modelId: string, task: ImageRequest['task'], extra: Partial<ImageRequest> = {}): ImageRequest => ({ modelId: `us.${modelId}`, task, image: IMAGE, ...extra });
const body = (req: ImageRequest) => imageBody('stability', req);

describe("Stability's mask, margin, upscale and style services: bodies", () => {
  it('Inpaint: image, prompt and the mask when one is given', () => {
    assert.deepEqual(body(r(INPAINT, 'maskInpaint', { prompt: 'a red door', mask: MASK, seed: 3, negativePrompt: 'rust' })), { image: b64(IMAGE), prompt: 'a red door', negative_prompt: 'rust', seed: 3, output_format: 'png', mask: b64(MASK) });
    assert.deepEqual(body(r(INPAINT, 'maskInpaint', { prompt: 'a red door' })), { image: b64(IMAGE), prompt: 'a red door', output_format: 'png' }, 'no mask: the alpha channel is the mask');
  });

  it('Erase Object: image, mask and seed, never a prompt', () => {
    assert.deepEqual(body(r(ERASE, 'erase', { mask: MASK, seed: 4, prompt: 'ignored', negativePrompt: 'ignored' })), { image: b64(IMAGE), mask: b64(MASK), seed: 4, output_format: 'png' });
  });

  it('Outpaint: only the sides that grow, and the prompt when there is one', () => {
    assert.deepEqual(body(r(OUTPAINT, 'outpaint', { outpaint: { left: 200, right: 0, up: 0, down: 50 }, seed: 1 })), { image: b64(IMAGE), left: 200, down: 50, seed: 1, output_format: 'png' });
    assert.deepEqual(body(r(OUTPAINT, 'outpaint', { outpaint: { left: 0, right: 10, up: 20, down: 0 }, prompt: 'more beach', negativePrompt: 'not taken' })), { image: b64(IMAGE), right: 10, up: 20, prompt: 'more beach', output_format: 'png' });
  });

  it('the upscalers: Fast takes the image alone; Conservative and Creative a prompt too', () => {
    assert.deepEqual(body(r(FAST, 'upscale', { seed: 9, prompt: 'x' })), { image: b64(IMAGE), output_format: 'png' });
    assert.deepEqual(body(r(CONSERVATIVE, 'upscale', { prompt: 'a harbour', seed: 2 })), { image: b64(IMAGE), prompt: 'a harbour', seed: 2, output_format: 'png' });
    assert.deepEqual(body(r(CREATIVE, 'upscale', { prompt: 'a harbour', negativePrompt: 'blur' })), { image: b64(IMAGE), prompt: 'a harbour', negative_prompt: 'blur', output_format: 'png' });
  });

  it('Control Sketch like Control Structure; Style Guide image and prompt', () => {
    assert.deepEqual(body(r(SKETCH, 'sketch', { prompt: 'a castle', similarityStrength: 0.7, seed: 5 })), { image: b64(IMAGE), prompt: 'a castle', seed: 5, output_format: 'png', control_strength: 0.7 });
    assert.deepEqual(body(r(STYLE_GUIDE, 'styleGuide', { prompt: 'a fox' })), { image: b64(IMAGE), prompt: 'a fox', output_format: 'png' });
  });

  it('Style Transfer: the content image as init_image, the style image as style_image', () => {
    assert.deepEqual(body(r(STYLE_TRANSFER, 'styleTransfer', { styleImage: STYLE, seed: 8 })), { init_image: b64(IMAGE), style_image: b64(STYLE), seed: 8, output_format: 'png' });
    assert.deepEqual(body(r(STYLE_TRANSFER, 'styleTransfer', { styleImage: STYLE, prompt: 'warmer' })), { init_image: b64(IMAGE), style_image: b64(STYLE), prompt: 'warmer', output_format: 'png' });
  });
});

describe("Stability's mask, margin, upscale and style services: checks before a call", () => {
  const problem = (req: ImageRequest) => imageRequestProblem(req);

  it('prompts: required where the service requires one, in its own words', () => {
    assert.equal(problem(r(INPAINT, 'maskInpaint', { prompt: 'x' })), undefined);
    assert.equal(problem(r(INPAINT, 'maskInpaint')), 'Stable Image Inpaint needs a prompt: What should be painted in the masked area?');
    assert.match(problem(r(CONSERVATIVE, 'upscale'))!, /^Stable Conservative Upscale needs a prompt/);
    assert.match(problem(r(CREATIVE, 'upscale', { image: pngOfSize(256, 256) }))!, /^Stable Creative Upscale needs a prompt/);
    assert.match(problem(r(SKETCH, 'sketch'))!, /^Stable Image Control Sketch needs a prompt/);
    assert.match(problem(r(STYLE_GUIDE, 'styleGuide'))!, /^Stable Image Style Guide needs a prompt/);
    for (const req of [r(ERASE, 'erase'), r(FAST, 'upscale', { image: pngOfSize(512, 512) }), r(OUTPAINT, 'outpaint', { outpaint: { left: 1, right: 0, up: 0, down: 0 } }), r(STYLE_TRANSFER, 'styleTransfer', { styleImage: STYLE })]) {
      assert.equal(problem(req), undefined, req.modelId);
    }
  });

  it("a task the model does not do is refused with what it does", () => {
    assert.match(problem(r(ERASE, 'upscale'))!, /cannot upscale; it supports: Erase Object/);
  });

  it('Fast Upscale: 32 to 1,536 pixels a side, 1,024 to 1,048,576 pixels, 1:2.5 to 2.5:1', () => {
    assert.equal(problem(r(FAST, 'upscale', { image: pngOfSize(1024, 1024) })), undefined, 'exactly the largest');
    assert.equal(problem(r(FAST, 'upscale', { image: pngOfSize(32, 32) })), undefined, 'exactly the smallest');
    assert.equal(problem(r(FAST, 'upscale', { image: pngOfSize(31, 64) })), 'The input image is 31×64; Stable Fast Upscale needs from 32 to 1536 pixels on each side.');
    assert.equal(problem(r(FAST, 'upscale', { image: pngOfSize(1600, 400) })), 'The input image is 1600×400; Stable Fast Upscale needs from 32 to 1536 pixels on each side.');
    assert.match(problem(r(FAST, 'upscale', { image: pngOfSize(1100, 1000) }))!, /1100×1000 \(1100000 pixels\); Stable Fast Upscale takes at most 1048576 pixels/);
    assert.match(problem(r(FAST, 'upscale', { image: jpegOfSize(1000, 300) }))!, /1000×300; .* aspect ratios from 1:2\.5 to 2\.5:1/);
  });

  it('Creative Upscale: at most a megapixel; Conservative up to 9.4 megapixels', () => {
    assert.match(problem(r(CREATIVE, 'upscale', { prompt: 'x', image: pngOfSize(1200, 1000) }))!, /Stable Creative Upscale takes at most 1048576 pixels/);
    assert.equal(problem(r(CONSERVATIVE, 'upscale', { prompt: 'x', image: pngOfSize(1200, 1000) })), undefined);
    assert.match(problem(r(CONSERVATIVE, 'upscale', { prompt: 'x', image: pngOfSize(4000, 3000) }))!, /at most 9437184 pixels/);
  });

  it('a mask must be an image the same size as the input', () => {
    assert.equal(problem(r(INPAINT, 'maskInpaint', { prompt: 'x', mask: MASK })), undefined);
    assert.equal(problem(r(ERASE, 'erase', { mask: pngOfSize(256, 192) })), 'The mask is 256×192 but the image is 512×384; the mask must be the same size as the image.');
    assert.equal(maskProblem(IMAGE, new Uint8Array([1, 2, 3])), 'The mask is not a PNG, JPEG or WebP image.');
  });

  it('without a mask the alpha channel is the mask, so an image without one is refused', () => {
    assert.equal(problem(r(ERASE, 'erase')), undefined, 'an RGBA PNG');
    assert.match(problem(r(ERASE, 'erase', { image: OPAQUE }))!, /^Stable Image Erase Object uses the image's transparency as the mask .* no alpha channel\. Choose a mask image/);
    assert.match(problem(r(INPAINT, 'maskInpaint', { prompt: 'x', image: jpegOfSize(300, 300) }))!, /no alpha channel/);
    assert.equal(problem(r(INPAINT, 'maskInpaint', { prompt: 'x', image: OPAQUE, mask: new Uint8Array(generatedPicture('mask', 96, 72)) })), undefined, 'an opaque image with a mask');
  });

  it('reads the alpha channel from PNG, JPEG and WebP headers', () => {
    assert.equal(hasAlphaChannel(IMAGE), true);
    assert.equal(hasAlphaChannel(new Uint8Array(generatedPicture('cut', 8, 8, true))), true);
    assert.equal(hasAlphaChannel(OPAQUE), false);
    assert.equal(hasAlphaChannel(jpegOfSize(8, 8)), false);
    const webp = (chunk: string, flags: number) => new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP'), ...Buffer.from(chunk), 0, 0, 0, 0, flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(hasAlphaChannel(webp('VP8X', 0x10)), true);
    assert.equal(hasAlphaChannel(webp('VP8X', 0)), false);
    assert.equal(hasAlphaChannel(new Uint8Array([1, 2, 3])), undefined);
  });

  it("Outpaint's margins: whole pixels 0 to 2000, at least one above 0", () => {
    assert.equal(outpaintProblem({ left: 2000, right: 0, up: 0, down: 0 }), undefined);
    assert.equal(outpaintProblem({ left: 2001, right: 0, up: 0, down: 0 }), "Outpaint's left margin must be a whole number of pixels from 0 to 2000; got 2001.");
    assert.equal(outpaintProblem({ left: 0, right: 1.5, up: 0, down: 0 }), "Outpaint's right margin must be a whole number of pixels from 0 to 2000; got 1.5.");
    assert.match(outpaintProblem({ left: 0, right: 0, up: 0, down: 0 })!, /at least one margin above 0/);
    assert.match(problem(r(OUTPAINT, 'outpaint'))!, /^Outpaint needs margins/);
    assert.match(problem(r(OUTPAINT, 'outpaint', { outpaint: { left: 0, right: 0, up: -1, down: 0 } }))!, /up margin/);
  });

  it('reads margins as typed: four numbers, spaces or commas', () => {
    assert.deepEqual(parseOutpaintMargins(' 200, 100 0 50 '), { left: 200, right: 100, up: 0, down: 50 });
    assert.deepEqual(parseOutpaintMargins('200 0 0'), { problem: 'Give four numbers, left right up down (e.g. "200 200 0 0"); got 3.' });
    assert.deepEqual(parseOutpaintMargins('200 0 x 0'), { problem: '"x" is not a whole number of pixels.' });
    assert.deepEqual(parseOutpaintMargins('-5 0 0 0'), { problem: '"-5" is not a whole number of pixels.' });
    assert.match((parseOutpaintMargins('0 0 0 3000') as { problem: string }).problem, /down margin .* got 3000/);
    assert.match((parseOutpaintMargins('0 0 0 0') as { problem: string }).problem, /at least one margin/);
  });

  it('Style Transfer: both images checked, the style image required', () => {
    assert.match(problem(r(STYLE_TRANSFER, 'styleTransfer'))!, /needs a style image/);
    assert.equal(problem(r(STYLE_TRANSFER, 'styleTransfer', { styleImage: pngOfSize(40, 300) })), 'The style image is 40×300; Stable Style Transfer needs at least 64 pixels on each side.');
    assert.equal(problem(r(STYLE_TRANSFER, 'styleTransfer', { styleImage: STYLE, image: pngOfSize(50, 300) })), 'The content image is 50×300; Stable Style Transfer needs at least 64 pixels on each side.');
    assert.equal(problem(r(STYLE_TRANSFER, 'styleTransfer', { styleImage: new Uint8Array([1, 2]) })), 'The style image is not a PNG, JPEG or WebP image.');
  });
});

describe('image turns carry the extra inputs', () => {
  function store(): ImageStore {
    const files = new Map<string, { data: Uint8Array; mime: ImageMime }>([
      ['src', { data: IMAGE, mime: 'image/png' }],
      ['mask', { data: MASK, mime: 'image/png' }],
      ['style', { data: STYLE, mime: 'image/png' }],
    ]);
    return { put: async () => 'new', get: async (id) => files.get(id) };
  }

  it('reads the mask and the style image from the store, and the margins from the options', async () => {
    const inpaint = await imageRequestFor({ modelId: INPAINT, prompt: 'a door', store: store(), options: { task: 'maskInpaint', sourceImageId: 'src', maskImageId: 'mask', seed: 3, size: '1024x1024' } });
    assert.deepEqual(inpaint, { modelId: INPAINT, task: 'maskInpaint', prompt: 'a door', seed: 3, image: IMAGE, mask: MASK });
    const transfer = await imageRequestFor({ modelId: STYLE_TRANSFER, prompt: 'Restyle a.png', store: store(), options: { task: 'styleTransfer', sourceImageId: 'src', styleImageId: 'style', captionOnly: true } });
    assert.deepEqual(transfer, { modelId: STYLE_TRANSFER, task: 'styleTransfer', image: IMAGE, styleImage: STYLE });
    const outpaint = await imageRequestFor({ modelId: OUTPAINT, prompt: 'x', store: store(), options: { task: 'outpaint', sourceImageId: 'src', outpaint: { left: 10, right: 0, up: 0, down: 0 } } });
    assert.deepEqual((outpaint as ImageRequest).outpaint, { left: 10, right: 0, up: 0, down: 0 });
  });

  it('Fast Upscale sends no seed, even one the chat form had', async () => {
    const req = await imageRequestFor({ modelId: `us.${FAST}`, prompt: 'Upscale a.png', store: store(), options: { task: 'upscale', sourceImageId: 'src', seed: 7, captionOnly: true } });
    assert.deepEqual(req, { modelId: `us.${FAST}`, task: 'upscale', image: IMAGE });
    assert.equal(imageTraitsOf(FAST)?.seedless, true);
  });

  it('a mask or style image whose file was removed is named', async () => {
    const req = await imageRequestFor({ modelId: ERASE, prompt: 'x', store: store(), options: { task: 'erase', sourceImageId: 'src', maskImageId: 'gone' } });
    assert.match((req as { message: string }).message, /^The mask image is no longer available/);
  });

  it('a conversation holds its masks and style images, so they are removed with it', () => {
    const ids = imageIdsOf({ v: 1, id: 'c', title: 't', createdAt: 1, updatedAt: 1, turns: [{ role: 'user', text: 'x', imageOptions: { task: 'styleTransfer', sourceImageId: 'a', styleImageId: 'b' } }, { role: 'user', text: 'y', imageOptions: { task: 'erase', sourceImageId: 'a', maskImageId: 'm' } }] });
    assert.deepEqual(ids.sort(), ['a', 'b', 'm']);
  });

  it('the webview gate takes the new options and refuses bad margins and ids', () => {
    const send = (image: Record<string, unknown>) => checkWebviewMessage({ method: 'chat/send', requestId: 'r', conversationId: 'c', text: 't', image });
    const ok = send({ task: 'outpaint', sourceImageId: 'a', outpaint: { left: 1, right: 2, up: 3, down: 2000 }, maskImageId: 'm-1', styleImageId: 's-1' });
    assert.ok(ok.ok);
    assert.deepEqual((ok.message as { image?: unknown }).image, { task: 'outpaint', sourceImageId: 'a', outpaint: { left: 1, right: 2, up: 3, down: 2000 }, maskImageId: 'm-1', styleImageId: 's-1' });
    assert.match((send({ task: 'outpaint', sourceImageId: 'a', outpaint: { left: 2001, right: 0, up: 0, down: 0 } }) as { problem: string }).problem, /outpaint/);
    assert.match((send({ task: 'erase', sourceImageId: 'a', maskImageId: '../etc' }) as { problem: string }).problem, /maskImageId/);
    assert.match((send({ task: 'paint', sourceImageId: 'a' }) as { problem: string }).problem, /task/);
  });
});

describe('the Models view offers each Stability service its one command', () => {
  it('a context flag per task, so the menu shows only what the model does', () => {
    const ids = [INPAINT, ERASE, OUTPAINT, FAST, CONSERVATIVE, CREATIVE, SKETCH, STYLE_GUIDE, STYLE_TRANSFER];
    const rows = buildModelTree(ids.map((id) => shippedDescriptor(id, SHIPPED_MODELS))).flatMap((g) => g.models.map((m) => rowOf(m)));
    const flags = (id: string) => rows.find((row) => row.id === `model:${id}`)!.contextValue.split(' ').filter((f) => f.startsWith('image'));
    assert.deepEqual(
      ids.map((id) => flags(id)),
      [['imageInpaint'], ['imageErase'], ['imageOutpaint'], ['imageUpscale'], ['imageUpscale'], ['imageUpscale'], ['imageSketch'], ['imageStyleGuide'], ['imageStyleTransfer']],
    );
  });
});
