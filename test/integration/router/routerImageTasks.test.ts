// Every image model family and task the extension offers, through the router against the emulator
// over the real SDK: the body each model received, read from the emulator's log, the id it went to
// (Stability's image services through their cross-Region profile), real PNGs back at the input's
// size, and Stability's content-filter answers in the model's own words.
import assert from 'node:assert/strict';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import type { ImageRequest } from '../../../src/core/bedrock/images/imageRequest';
import { useEmulatorRig } from './routerHarness';
import { decodePng, generatedPicture } from '../../emulator/png';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANVAS = 'amazon.nova-canvas-v1:0';
const TITAN = 'amazon.titan-image-generator-v2:0';
const REMOVE_BG = 'stability.stable-image-remove-background-v1:0';
const SEARCH_REPLACE = 'stability.stable-image-search-replace-v1:0';
const SEARCH_RECOLOR = 'stability.stable-image-search-recolor-v1:0';
const STRUCTURE = 'stability.stable-image-control-structure-v1:0';
const INPUT = new Uint8Array(generatedPicture('a street', 96, 72));
const B64 = Buffer.from(INPUT).toString('base64');

describe('router: every image family and task (emulator log)', function () {
  const t = useEmulatorRig({}, { maxAttempts: 1 });

  const invokes = () => t.emu.requests.filter((x) => x.route === 'InvokeModel');
  const last = () => invokes().at(-1)!;
  const run = (r: Partial<ImageRequest> & Pick<ImageRequest, 'modelId' | 'task'>) => t.rig.router.generateImage({ image: INPUT, seed: 5, ...r });

  const amazonCases: Array<[string, Partial<ImageRequest> & Pick<ImageRequest, 'modelId' | 'task'>, J]> = [
    ['Titan variations', { modelId: TITAN, task: 'variation', prompt: 'at night', similarityStrength: 0.5 }, { taskType: 'IMAGE_VARIATION', imageVariationParams: { images: [B64], text: 'at night', similarityStrength: 0.5 }, imageGenerationConfig: { numberOfImages: 1, seed: 5 } }],
    ['Titan background removal', { modelId: TITAN, task: 'removeBackground', seed: undefined }, { taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: B64 } }],
    ['Nova Canvas inpainting, erasing (no text)', { modelId: CANVAS, task: 'inpaint', maskPrompt: 'the car', negativePrompt: 'people' }, { taskType: 'INPAINTING', inPaintingParams: { image: B64, maskPrompt: 'the car', negativeText: 'people' }, imageGenerationConfig: { numberOfImages: 1, seed: 5 } }],
    ['Nova Canvas variations with a negative prompt and count', { modelId: CANVAS, task: 'variation', negativePrompt: 'rain', count: 2 }, { taskType: 'IMAGE_VARIATION', imageVariationParams: { images: [B64], negativeText: 'rain' }, imageGenerationConfig: { numberOfImages: 2, seed: 5 } }],
  ];
  for (const [name, request, body] of amazonCases) {
    it(`${name}: the envelope as sent, images at the input's size`, async () => {
      const res = await run(request);
      assert.equal(last().modelId, request.modelId);
      assert.deepEqual(last().body, body);
      assert.equal(res.images.length, request.count ?? 1);
      const png = decodePng(res.images[0]!.data);
      assert.deepEqual([png.width, png.height], [96, 72]);
    });
  }

  const stabilityCases: Array<[string, Partial<ImageRequest> & Pick<ImageRequest, 'modelId' | 'task'>, J]> = [
    ['Remove Background', { modelId: REMOVE_BG, task: 'removeBackground', seed: undefined }, { image: B64, output_format: 'png' }],
    ['Search and Replace', { modelId: SEARCH_REPLACE, task: 'inpaint', maskPrompt: 'the car', prompt: 'a bicycle', negativePrompt: 'blurry' }, { image: B64, prompt: 'a bicycle', negative_prompt: 'blurry', seed: 5, output_format: 'png', search_prompt: 'the car' }],
    ['Search and Recolor', { modelId: SEARCH_RECOLOR, task: 'inpaint', maskPrompt: 'the door', prompt: 'a red door' }, { image: B64, prompt: 'a red door', seed: 5, output_format: 'png', select_prompt: 'the door' }],
    ['Control Structure', { modelId: STRUCTURE, task: 'variation', prompt: 'the same street in snow', similarityStrength: 0.6 }, { image: B64, prompt: 'the same street in snow', seed: 5, output_format: 'png', control_strength: 0.6 }],
  ];
  for (const [name, request, body] of stabilityCases) {
    it(`Stability ${name}: its own flat body, sent through the us. profile; the seed Stability reports`, async () => {
      const res = await run(request);
      assert.equal(last().modelId, `us.${request.modelId}`, 'a cross-Region profile: these models have no on-demand throughput');
      assert.equal(invokes().length, 1, 'the profile is chosen from the catalog, not after a refusal');
      assert.deepEqual(last().body, body);
      assert.equal(res.images.length, 1);
      assert.equal(res.filtered, undefined);
      const png = decodePng(res.images[0]!.data);
      assert.deepEqual([png.width, png.height], [96, 72]);
      if (request.seed !== undefined) assert.equal(res.images[0]!.seed, 5);
      if (request.task === 'removeBackground') assert.ok(png.alpha && png.pixels.some((_, i) => i % 4 === 3 && png.pixels[i] === 0), 'a cut-out with transparent pixels');
    });
  }

  it("Stability's filters: the blocked prompt, input image or output named in the model's words; nothing kept", async () => {
    const cases: Array<[string, string]> = [
      ['a bicycle [filter:input]', 'Filter reason: prompt'],
      ['a bicycle [filter:image]', 'Filter reason: input image'],
      ['a bicycle [filter:all]', 'Filter reason: output image'],
    ];
    for (const [prompt, wording] of cases) {
      const res = await run({ modelId: SEARCH_REPLACE, task: 'inpaint', maskPrompt: 'the car', prompt });
      assert.deepEqual(res.images, []);
      assert.deepEqual(res.filtered, { blocked: 1, requested: 1, modelWording: wording });
    }
  });

  it('a request a service would refuse is stopped before the call, naming what to change', async () => {
    const cases: Array<[Partial<ImageRequest> & Pick<ImageRequest, 'modelId' | 'task'>, RegExp]> = [
      [{ modelId: SEARCH_REPLACE, task: 'inpaint', maskPrompt: 'the car' }, /^Stable Image Search and Replace needs a prompt: What should replace it\?$/],
      [{ modelId: STRUCTURE, task: 'variation', image: new Uint8Array(generatedPicture('tiny', 48, 48)), prompt: 'snow' }, /48×48; Stable Image Control Structure needs at least 64 pixels on each side/],
      [{ modelId: SEARCH_RECOLOR, task: 'inpaint', image: new Uint8Array(generatedPicture('strip', 300, 64)), maskPrompt: 'x', prompt: 'y' }, /300×64; .* aspect ratios from 1:2\.5 to 2\.5:1/],
      [{ modelId: REMOVE_BG, task: 'inpaint', maskPrompt: 'x', prompt: 'y' }, /cannot edit with prompt; it supports: Remove Background/],
    ];
    for (const [request, message] of cases) {
      const err = await run(request).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof BedrockError, String(err));
      assert.equal(err.classified.kind, 'validation');
      assert.match(err.message, message);
    }
    assert.equal(invokes().length, 0);
  });
});
