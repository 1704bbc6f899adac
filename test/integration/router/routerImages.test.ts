// Image generation through the router against the emulator, over the real SDK (HTTP/2): each
// family's body as the emulator received it, real PNGs back, seeds, and the content-filter outcomes.
import assert from 'node:assert/strict';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import type { ImageRequest } from '../../../src/core/bedrock/images/imageRequest';
import { useEmulatorRig } from './routerHarness';
import { decodePng, generatedPicture } from '../../emulator/png';
import { FILTER_TEXT } from '../../emulator/imageFamilies';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANVAS = 'amazon.nova-canvas-v1:0';
const TITAN = 'amazon.titan-image-generator-v2:0';
const SD35 = 'stability.sd3-5-large-v1:0';
const ULTRA = 'stability.stable-image-ultra-v1:1';
const CORE = 'stability.stable-image-core-v1:1';
const INPUT = new Uint8Array(generatedPicture('input photo', 48, 32));

describe('router: image generation (emulator)', function () {
  const t = useEmulatorRig({}, { maxAttempts: 1 });

  const lastBody = (): J => {
    const r = t.emu.requests.filter((x) => x.route === 'InvokeModel').at(-1)!;
    assert.equal(r.httpVersion, '2');
    return r.body as J;
  };
  const gen = (r: Partial<ImageRequest> & { modelId: string }) => t.rig.router.generateImage({ task: 'textToImage', prompt: 'a lighthouse at dusk', ...r });

  it('Nova Canvas: the shared envelope with style, size, quality and count; PNGs 1/16 of the size asked', async () => {
    const res = await gen({ modelId: CANVAS, negativePrompt: 'people', style: 'PHOTOREALISM', size: { width: 1280, height: 768 }, quality: 'premium', cfgScale: 6.5, count: 3, seed: 12 });
    assert.deepEqual(lastBody(), {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'a lighthouse at dusk', negativeText: 'people', style: 'PHOTOREALISM' },
      imageGenerationConfig: { width: 1280, height: 768, quality: 'premium', cfgScale: 6.5, numberOfImages: 3, seed: 12 },
    });
    assert.equal(res.images.length, 3);
    const png = decodePng(res.images[0]!.data);
    assert.deepEqual([png.width, png.height], [80, 48]);
    assert.ok(res.images.every((i) => i.mime === 'image/png' && i.seed === 12));
    assert.equal(res.target, CANVAS);
  });

  it('Titan Image Generator v2: the same envelope without a style', async () => {
    const res = await gen({ modelId: TITAN, size: { width: 512, height: 512 }, seed: 42 });
    assert.deepEqual(lastBody(), { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a lighthouse at dusk' }, imageGenerationConfig: { width: 512, height: 512, numberOfImages: 1, seed: 42 } });
    assert.deepEqual([decodePng(res.images[0]!.data).width, decodePng(res.images[0]!.data).height], [32, 32]);
  });

  for (const [id, mode] of [[SD35, { mode: 'text-to-image' }], [ULTRA, {}], [CORE, {}]] as const) {
    it(`${id}: flat body with aspect ratio; the seed comes back in \`seeds\``, async () => {
      const res = await gen({ modelId: id, negativePrompt: 'blurry', aspectRatio: '16:9', seed: 1234 });
      assert.deepEqual(lastBody(), { prompt: 'a lighthouse at dusk', negative_prompt: 'blurry', seed: 1234, output_format: 'png', aspect_ratio: '16:9', ...mode });
      assert.equal(res.images.length, 1);
      assert.equal(res.images[0]!.seed, 1234);
      const png = decodePng(res.images[0]!.data);
      assert.deepEqual([png.width, png.height], [64, 36]);
    });
  }

  it('seeds: the same seed gives the same image, another seed another; without one a seed is chosen and sent', async () => {
    const a = await gen({ modelId: CANVAS, seed: 7 });
    const b = await gen({ modelId: CANVAS, seed: 7 });
    const c = await gen({ modelId: CANVAS, seed: 8 });
    assert.deepEqual(a.images[0]!.data, b.images[0]!.data);
    assert.notDeepEqual(a.images[0]!.data, c.images[0]!.data);
    const d = await gen({ modelId: CANVAS });
    assert.equal(typeof d.request.seed, 'number');
    assert.equal(lastBody().imageGenerationConfig.seed, d.request.seed);
    const again = await gen({ modelId: CANVAS, seed: d.request.seed });
    assert.deepEqual(again.images[0]!.data, d.images[0]!.data);
  });

  it('variations, inpainting and background removal send the input image; outputs follow its size', async () => {
    const b64 = Buffer.from(INPUT).toString('base64');
    const v = await t.rig.router.generateImage({ modelId: CANVAS, task: 'variation', image: INPUT, similarityStrength: 0.8, count: 2, seed: 3 });
    assert.deepEqual(lastBody(), { taskType: 'IMAGE_VARIATION', imageVariationParams: { images: [b64], similarityStrength: 0.8 }, imageGenerationConfig: { numberOfImages: 2, seed: 3 } });
    assert.equal(v.images.length, 2);
    assert.deepEqual([decodePng(v.images[0]!.data).width, decodePng(v.images[0]!.data).height], [48, 32]);
    await t.rig.router.generateImage({ modelId: TITAN, task: 'inpaint', image: INPUT, maskPrompt: 'the sky', prompt: 'a red sky', seed: 3 });
    assert.deepEqual(lastBody(), { taskType: 'INPAINTING', inPaintingParams: { image: b64, maskPrompt: 'the sky', text: 'a red sky' }, imageGenerationConfig: { numberOfImages: 1, seed: 3 } });
    const bg = await t.rig.router.generateImage({ modelId: CANVAS, task: 'removeBackground', image: INPUT });
    assert.deepEqual(lastBody(), { taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: b64 } });
    const cut = decodePng(bg.images[0]!.data);
    assert.ok(cut.alpha, 'background removal answers with an alpha channel');
    assert.ok(cut.pixels.some((_, i) => i % 4 === 3 && cut.pixels[i] === 0), 'some pixels are transparent');
    const sd = await t.rig.router.generateImage({ modelId: SD35, task: 'variation', image: INPUT, prompt: 'same, at night', seed: 9 });
    assert.deepEqual(lastBody(), { prompt: 'same, at night', seed: 9, output_format: 'png', mode: 'image-to-image', image: b64, strength: 0.3 });
    assert.equal(sd.images.length, 1);
  });

  it('blocked prompt (400): the model\'s wording and what was kept; nothing retried', async () => {
    for (const id of [CANVAS, TITAN]) {
      const err = await gen({ modelId: id, prompt: 'something [filter:input]' }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof BedrockError);
      assert.equal(err.classified.kind, 'validation');
      assert.equal(err.classified.status, 400);
      assert.ok(err.message.includes(FILTER_TEXT.inputText), err.message);
      assert.match(err.message, /blocked the prompt, so nothing was generated.*prompt and settings are kept/);
    }
    const img = await t.rig.router.generateImage({ modelId: CANVAS, task: 'variation', image: INPUT, prompt: '[filter:image]' }).then(() => undefined, (e: unknown) => e);
    assert.ok(img instanceof BedrockError);
    assert.match(img.message, /blocked the input image/);
    assert.equal(t.emu.requests.filter((r) => r.route === 'InvokeModel').length, 3);
  });

  it('outputs withheld (200 with `error`): the survivors are kept, the rest counted', async () => {
    const some = await gen({ modelId: CANVAS, prompt: 'a cat [filter:some]', count: 4 });
    assert.equal(some.images.length, 2);
    assert.deepEqual(some.filtered, { blocked: 2, requested: 4, modelWording: FILTER_TEXT.someOutputs });
    const all = await gen({ modelId: TITAN, prompt: 'a cat [filter:all]', count: 2 });
    assert.equal(all.images.length, 0);
    assert.equal(all.filtered!.modelWording, FILTER_TEXT.allOutputs);
  });

  it('Stability filters answer 200 with a finish reason per image', async () => {
    const prompt = await gen({ modelId: ULTRA, prompt: 'x [filter:input]' });
    assert.deepEqual(prompt.images, []);
    assert.equal(prompt.filtered!.modelWording, 'Filter reason: prompt');
    const out = await gen({ modelId: SD35, prompt: 'x [filter:all]' });
    assert.equal(out.filtered!.modelWording, 'Filter reason: output image');
  });

  it('a request the model would refuse is stopped before any call, naming the field', async () => {
    const err = await gen({ modelId: CANVAS, size: { width: 1000, height: 1000 } }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof BedrockError);
    assert.match(err.message, /Width must be a multiple of 16/);
    const text = await gen({ modelId: 'amazon.nova-pro-v1:0' }).then(() => undefined, (e: unknown) => e);
    assert.match(String((text as Error).message), /not an image model/);
    assert.equal(t.emu.requests.filter((r) => r.route === 'InvokeModel').length, 0);
  });
});
