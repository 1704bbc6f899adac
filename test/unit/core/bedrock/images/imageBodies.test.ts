import assert from 'node:assert/strict';
import { imageFamilyOf, imageTraitsOf, supportsImageTask } from '../../../../../src/core/bedrock/images/imageFamily';
import { imageBody, imageRequestProblem, parseImageResponse, sizeProblem, ImageResponseError } from '../../../../../src/core/bedrock/images/imageBodies';
import { sniffImageMime, type ImageRequest } from '../../../../../src/core/bedrock/images/imageRequest';
import { blockedInputMessage, filteredOutputMessage } from '../../../../../src/core/bedrock/images/imageGenerator';
import { planRoute } from '../../../../../src/core/bedrock/routing/routePlanner';
import { shippedDescriptor } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';

const CANVAS = 'amazon.nova-canvas-v1:0';
const TITAN = 'amazon.titan-image-generator-v2:0';
const SD35 = 'stability.sd3-5-large-v1:0';
const ULTRA = 'stability.stable-image-ultra-v1:1';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const PNG_B64 = Buffer.from(PNG).toString('base64');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
const req = (modelId: string, extra: Partial<ImageRequest> = {}): ImageRequest => ({ modelId, task: 'textToImage', prompt: 'a lighthouse at dusk', ...extra });

describe('image families', () => {
  it('knows each family by id, with or without a profile prefix, and nothing else', () => {
    assert.equal(imageFamilyOf(CANVAS), 'novaCanvas');
    assert.equal(imageFamilyOf(TITAN), 'titanImage');
    assert.equal(imageFamilyOf(`us.${SD35}`), 'stability');
    assert.equal(imageFamilyOf('stability.stable-image-core-v1:1'), 'stability');
    assert.equal(imageFamilyOf('amazon.titan-image-generator-v1'), undefined);
    assert.equal(imageFamilyOf('stability.stable-image-inpaint-v1:0'), 'stability');
    assert.equal(imageFamilyOf('stability.stable-diffusion-xl-v1'), undefined);
    assert.equal(imageFamilyOf('amazon.nova-pro-v1:0'), undefined);
  });

  it('offers variations on SD3.5 (image-to-image) but not on Ultra; the Amazon models do every task', () => {
    assert.ok(supportsImageTask(SD35, 'variation'));
    assert.ok(!supportsImageTask(ULTRA, 'variation'));
    assert.ok(!supportsImageTask(SD35, 'removeBackground'));
    for (const t of ['textToImage', 'variation', 'removeBackground', 'inpaint'] as const) assert.ok(supportsImageTask(TITAN, t));
    assert.deepEqual(imageTraitsOf(CANVAS)!.qualities, ['standard', 'premium']);
    assert.equal(imageTraitsOf(TITAN)!.styles, undefined);
  });

  it('plans image requests on InvokeModel, and says when a model is not an image model', () => {
    const plan = planRoute({ modelId: CANVAS, task: 'image', features: {} }, shippedDescriptor(CANVAS, SHIPPED_MODELS), { region: 'us-east-1', mantle: true });
    assert.deepEqual(plan.steps.map((s) => `${s.api}@${s.endpoint}:${s.target}`), [`invoke@runtime:${CANVAS}`]);
    assert.match(plan.steps[0]!.reason, /Nova Canvas body/);
    const text = planRoute({ modelId: 'amazon.nova-pro-v1:0', task: 'image', features: {} }, shippedDescriptor('amazon.nova-pro-v1:0', SHIPPED_MODELS), { region: 'us-east-1', mantle: true });
    assert.equal(text.steps.length, 0);
    assert.match(text.notes.join(' '), /not an image model/);
  });
});

describe('image request checks', () => {
  it('names the field and the allowed values', () => {
    assert.equal(imageRequestProblem(req(CANVAS, { count: 3, seed: 7, quality: 'premium', style: 'PHOTOREALISM', size: { width: 1280, height: 768 } })), undefined);
    assert.match(imageRequestProblem(req(CANVAS, { prompt: '  ' }))!, /prompt is empty/);
    assert.match(imageRequestProblem(req(CANVAS, { prompt: 'x'.repeat(1025) }))!, /1025 characters.*at most 1024/);
    assert.equal(imageRequestProblem(req(SD35, { prompt: 'x'.repeat(5000) })), undefined);
    assert.match(imageRequestProblem(req(CANVAS, { count: 6 }))!, /1 to 5/);
    assert.match(imageRequestProblem(req(SD35, { count: 2 }))!, /1 to 1/);
    assert.match(imageRequestProblem(req(CANVAS, { seed: -1 }))!, /Seed/);
    assert.match(imageRequestProblem(req(CANVAS, { seed: 2_147_483_647 }))!, /0 to 2147483646/);
    assert.equal(imageRequestProblem(req(SD35, { seed: 4_294_967_294 })), undefined);
    assert.match(imageRequestProblem(req(TITAN, { style: 'PHOTOREALISM' }))!, /Style/);
    assert.match(imageRequestProblem(req(CANVAS, { quality: 'ultra' }))!, /standard or premium/);
    assert.match(imageRequestProblem(req(ULTRA, { aspectRatio: '7:3' }))!, /16:9/);
    assert.match(imageRequestProblem(req(CANVAS, { task: 'variation' }))!, /needs an input image/);
    assert.match(imageRequestProblem(req(CANVAS, { task: 'variation', image: new Uint8Array([1, 2, 3]) }))!, /not a PNG or JPEG/);
    assert.match(imageRequestProblem(req(CANVAS, { task: 'inpaint', image: PNG }))!, /mask prompt/);
    assert.match(imageRequestProblem(req(ULTRA, { task: 'variation', image: PNG }))!, /cannot generate variations/);
    assert.match(imageRequestProblem(req('meta.llama3-8b-instruct-v1:0'))!, /not an image model/);
    assert.equal(imageRequestProblem(req(CANVAS, { task: 'variation', image: JPEG, prompt: undefined })), undefined);
  });

  it("checks sizes by Nova Canvas's rules", () => {
    assert.equal(sizeProblem(1024, 1024), undefined);
    assert.match(sizeProblem(1000, 1024)!, /Width must be a multiple of 16/);
    assert.match(sizeProblem(320, 4096)!, /4:1/);
    assert.match(sizeProblem(2048, 2048)!, /fewer than 4194304/);
    assert.match(sizeProblem(1024, 304)!, /Height/);
  });
});

describe('image bodies', () => {
  it('Nova Canvas text to image: the shared envelope with style and every config field', () => {
    const body = imageBody('novaCanvas', req(CANVAS, { negativePrompt: 'people', style: 'PHOTOREALISM', size: { width: 1280, height: 768 }, quality: 'premium', cfgScale: 6.5, count: 2, seed: 12 }));
    assert.deepEqual(body, {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'a lighthouse at dusk', negativeText: 'people', style: 'PHOTOREALISM' },
      imageGenerationConfig: { width: 1280, height: 768, quality: 'premium', cfgScale: 6.5, numberOfImages: 2, seed: 12 },
    });
  });

  it('Titan v2: the same envelope, never a style', () => {
    assert.deepEqual(imageBody('titanImage', req(TITAN, { style: 'PHOTOREALISM', seed: 42 })), {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'a lighthouse at dusk' },
      imageGenerationConfig: { numberOfImages: 1, seed: 42 },
    });
  });

  it('variation, inpainting and background removal carry the input image as base64', () => {
    assert.deepEqual(imageBody('novaCanvas', req(CANVAS, { task: 'variation', prompt: undefined, image: PNG, similarityStrength: 0.6, count: 3, seed: 5 })), {
      taskType: 'IMAGE_VARIATION',
      imageVariationParams: { images: [PNG_B64], similarityStrength: 0.6 },
      imageGenerationConfig: { numberOfImages: 3, seed: 5 },
    });
    assert.deepEqual(imageBody('novaCanvas', req(CANVAS, { task: 'inpaint', prompt: 'a red sky', image: PNG, maskPrompt: 'the sky', size: { width: 1024, height: 1024 }, seed: 5 })), {
      taskType: 'INPAINTING',
      inPaintingParams: { image: PNG_B64, maskPrompt: 'the sky', text: 'a red sky' },
      imageGenerationConfig: { numberOfImages: 1, seed: 5 },
    });
    assert.deepEqual(imageBody('titanImage', req(TITAN, { task: 'removeBackground', image: PNG, seed: 9, count: 4 })), { taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: PNG_B64 } });
  });

  it('Stability: flat snake_case fields; `mode` only for SD3.5; variations as image-to-image', () => {
    assert.deepEqual(imageBody('stability', req(ULTRA, { negativePrompt: 'blurry', aspectRatio: '16:9', seed: 0 })), {
      prompt: 'a lighthouse at dusk',
      negative_prompt: 'blurry',
      seed: 0,
      output_format: 'png',
      aspect_ratio: '16:9',
    });
    assert.deepEqual(imageBody('stability', req(SD35, { seed: 3 })), { prompt: 'a lighthouse at dusk', seed: 3, output_format: 'png', mode: 'text-to-image' });
    assert.deepEqual(imageBody('stability', req(SD35, { task: 'variation', image: PNG, similarityStrength: 0.7, seed: 3, aspectRatio: '1:1' })), {
      prompt: 'a lighthouse at dusk',
      seed: 3,
      output_format: 'png',
      mode: 'image-to-image',
      image: PNG_B64,
      strength: 0.3,
    });
  });
});

describe('image responses', () => {
  it('Amazon: every image decoded, carrying the seed sent', () => {
    const r = parseImageResponse('novaCanvas', { images: [PNG_B64, PNG_B64] }, req(CANVAS, { count: 2, seed: 77 }));
    assert.equal(r.images.length, 2);
    assert.deepEqual(r.images.map((i) => [i.mime, i.seed]), [['image/png', 77], ['image/png', 77]]);
    assert.equal(r.filtered, undefined);
  });

  it('Amazon: some or all outputs withheld by the filter are counted, in the model\'s words', () => {
    const some = parseImageResponse('novaCanvas', { images: [PNG_B64], error: 'Some of the generated images have been blocked by our content filters.' }, req(CANVAS, { count: 3 }));
    assert.equal(some.images.length, 1);
    assert.deepEqual(some.filtered, { blocked: 2, requested: 3, modelWording: 'Some of the generated images have been blocked by our content filters.' });
    const all = parseImageResponse('titanImage', { images: [], error: 'All of the generated images have been blocked by our content filters.' }, req(TITAN, { count: 2 }));
    assert.equal(all.images.length, 0);
    assert.equal(all.filtered!.blocked, 2);
    assert.equal(parseImageResponse('novaCanvas', { images: [PNG_B64], error: null }, req(CANVAS)).filtered, undefined);
  });

  it('Stability: seeds per image; a finish reason withholds that image', () => {
    const ok = parseImageResponse('stability', { seeds: [1234], finish_reasons: [null], images: [PNG_B64] }, req(SD35));
    assert.deepEqual(ok.images.map((i) => i.seed), [1234]);
    const prompt = parseImageResponse('stability', { finish_reasons: ['Filter reason: prompt'] }, req(SD35));
    assert.deepEqual(prompt, { images: [], filtered: { blocked: 1, requested: 1, modelWording: 'Filter reason: prompt' } });
    const out = parseImageResponse('stability', { seeds: [5], finish_reasons: ['Filter reason: output image'], images: [PNG_B64] }, req(SD35));
    assert.equal(out.images.length, 0);
  });

  it('refuses answers that are not images', () => {
    assert.throws(() => parseImageResponse('novaCanvas', [], req(CANVAS)), ImageResponseError);
    assert.throws(() => parseImageResponse('novaCanvas', { images: 'x' }, req(CANVAS)), /not a list/);
    assert.throws(() => parseImageResponse('novaCanvas', { images: [Buffer.from('<html>').toString('base64')] }, req(CANVAS)), /not a PNG, JPEG or WebP/);
    assert.throws(() => parseImageResponse('stability', { images: [42], finish_reasons: [null] }, req(SD35)), /not base64 text/);
  });

  it('sniffs PNG, JPEG and WebP by their first bytes', () => {
    assert.equal(sniffImageMime(PNG), 'image/png');
    assert.equal(sniffImageMime(JPEG), 'image/jpeg');
    assert.equal(sniffImageMime(new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')])), 'image/webp');
    assert.equal(sniffImageMime(new Uint8Array([0x47, 0x49, 0x46])), undefined);
  });
});

describe('content-filter wording', () => {
  it('blocked input: which input, the model\'s text, and what was kept', () => {
    const m = blockedInputMessage('Nova Canvas', 'This request has been blocked by our content filters. Please adjust your input image to submit a new request.')!;
    assert.match(m, /Nova Canvas's content filter blocked the input image, so nothing was generated/);
    assert.match(m, /"This request has been blocked by our content filters\. Please adjust your input image to submit a new request\."/);
    assert.match(m, /prompt and settings are kept/);
    assert.match(blockedInputMessage('Titan', 'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.')!, /blocked the prompt/);
    assert.equal(blockedInputMessage('Titan', 'Malformed input request: #: required key [taskType] not found'), undefined);
  });

  it('blocked output: how many were withheld and what is shown', () => {
    assert.equal(
      filteredOutputMessage('Nova Canvas', { blocked: 2, requested: 3, modelWording: 'Some of the generated images have been blocked by our content filters.' }, 1),
      'Nova Canvas\'s content filter withheld 2 of 3 images ("Some of the generated images have been blocked by our content filters."). The image that passed is shown.',
    );
    assert.match(filteredOutputMessage('Stability AI', { blocked: 1, requested: 1, modelWording: 'Filter reason: prompt' }, 0), /withheld all of the image \("Filter reason: prompt"\)\. Nothing was kept/);
  });
});
