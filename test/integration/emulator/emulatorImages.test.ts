// The emulator's image models through the raw SDK (HTTP/2): bodies checked like the service's
// schema validator (wrong fields get Bedrock's ValidationException), real PNGs back, and the
// content-filter answers with the models' own wording.
import assert from 'node:assert/strict';
import { useRawRuntime } from './rawRuntime';
import { decodePng, encodePng, generatedPicture } from '../../emulator/png';
import { FILTER_TEXT } from '../../emulator/imageFamilies';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('emulator: image models', function () {
  const raw = useRawRuntime();
  const { invoke, refused } = raw;
  const malformed = (detail: string) => `Malformed input request: ${detail}, please reformat your input and try again.`;
  const t2i = (extra: J = {}, config: J = {}) => ({ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a lighthouse', ...extra }, imageGenerationConfig: { seed: 1, ...config } });

  it('the PNG encoder writes what a PNG reader reads back, pixel for pixel', () => {
    const px = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const back = decodePng(encodePng(3, 2, px, true));
    assert.deepEqual([back.width, back.height, back.alpha], [3, 2, true]);
    assert.deepEqual(back.pixels, px);
    assert.deepEqual(generatedPicture('k', 10, 10), generatedPicture('k', 10, 10));
    assert.notDeepEqual(generatedPicture('k', 10, 10), generatedPicture('j', 10, 10));
  });

  it('Nova Canvas answers `images` of real PNGs, and no `error` when nothing was filtered', async () => {
    const out = await invoke('amazon.nova-canvas-v1:0', t2i({}, { numberOfImages: 2 }));
    assert.deepEqual(Object.keys(out), ['images']);
    assert.equal(out.images.length, 2);
    assert.equal(decodePng(Buffer.from(out.images[0], 'base64')).width, 64);
  });

  it('refuses wrong fields the way the schema validator words it', async () => {
    const canvas = 'amazon.nova-canvas-v1:0';
    await refused(canvas, { textToImageParams: { text: 'x' } }, malformed('#: required key [taskType] not found'));
    await refused(canvas, { taskType: 'TEXT_TO_IMAGE', textToImageParams: { text: 'x' } }, malformed('#/taskType: TEXT_TO_IMAGE is not a valid enum value'));
    await refused(canvas, { ...t2i(), prompt: 'x' }, malformed('#: extraneous key [prompt] is not permitted'));
    await refused(canvas, { taskType: 'TEXT_IMAGE', imageGenerationConfig: {} }, malformed('#: required key [textToImageParams] not found'));
    await refused(canvas, t2i({ text: 'x'.repeat(1025) }), malformed('#/textToImageParams/text: expected maxLength: 1024, actual: 1025'));
    await refused(canvas, t2i({ style: 'OIL' }), malformed('#/textToImageParams/style: OIL is not a valid enum value'));
    await refused(canvas, t2i({}, { numberOfImages: 6 }), malformed('#/imageGenerationConfig/numberOfImages: 6 is not less or equal to 5'));
    await refused(canvas, t2i({}, { width: 1000 }), malformed('#/imageGenerationConfig/width: 1000 is not a multiple of 16'));
    await refused(canvas, t2i({}, { seed: 2_147_483_647 }), malformed('#/imageGenerationConfig/seed: 2147483647 is not less or equal to 2147483646'));
    await refused(canvas, t2i({}, { cfgScale: 11 }), malformed('#/imageGenerationConfig/cfgScale: 11 is not less or equal to 10'));
    await refused(canvas, t2i({}, { quality: 'ultra' }), malformed('#/imageGenerationConfig/quality: ultra is not a valid enum value'));
    await refused(canvas, { taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: 'x' }, imageGenerationConfig: {} }, malformed('#: extraneous key [imageGenerationConfig] is not permitted'));
    await refused(canvas, { taskType: 'INPAINTING', inPaintingParams: { image: Buffer.from(generatedPicture('a', 8, 8)).toString('base64') } }, malformed('#/inPaintingParams: #: 0 subschema matches out of 2'));
    // Titan has no style presets; the field is not in its schema.
    await refused('amazon.titan-image-generator-v2:0', t2i({ style: 'PHOTOREALISM' }), malformed('#/textToImageParams: extraneous key [style] is not permitted'));
    await refused('stability.stable-image-ultra-v1:1', { prompt: 'x', mode: 'text-to-image' }, malformed('#: extraneous key [mode] is not permitted'));
    await refused('stability.sd3-5-large-v1:0', { prompt: 'x', aspect_ratio: '4:3' }, malformed('#/aspect_ratio: 4:3 is not a valid enum value'));
    await refused('stability.sd3-5-large-v1:0', { negative_prompt: 'x' }, malformed('#: required key [prompt] not found'));
    await refused('stability.sd3-5-large-v1:0', { prompt: 'x', mode: 'image-to-image', strength: 0.5 }, malformed('#: required key [image] not found'));
  });

  it('content filters: blocked input is a 400 in the model\'s words; blocked outputs are a 200 with `error`', async () => {
    await refused('amazon.nova-canvas-v1:0', t2i({ text: 'x [filter:input]' }), FILTER_TEXT.inputText);
    const image = Buffer.from(generatedPicture('in', 16, 16)).toString('base64');
    await refused('amazon.titan-image-generator-v2:0', { taskType: 'IMAGE_VARIATION', imageVariationParams: { images: [image], text: '[filter:image]' } }, FILTER_TEXT.inputImage);
    assert.deepEqual(await invoke('amazon.nova-canvas-v1:0', t2i({ text: 'x [filter:all]' }, { numberOfImages: 3 })), { images: [], error: FILTER_TEXT.allOutputs });
    const some = await invoke('amazon.nova-canvas-v1:0', t2i({ text: 'x [filter:some]' }, { numberOfImages: 3 }));
    assert.equal(some.images.length, 2);
    assert.equal(some.error, FILTER_TEXT.someOutputs);
    assert.deepEqual(await invoke('stability.stable-image-core-v1:1', { prompt: 'x [filter:input]' }), { finish_reasons: ['Filter reason: prompt'] });
  });

  it('Stability answers seeds, finish reasons and images; seed 0 means "pick one"', async () => {
    const out = await invoke('stability.stable-image-core-v1:1', { prompt: 'a fox', seed: 0, aspect_ratio: '9:16' });
    assert.deepEqual(Object.keys(out), ['seeds', 'finish_reasons', 'images']);
    assert.ok(out.seeds[0] > 0);
    assert.deepEqual(out.finish_reasons, [null]);
    const png = decodePng(Buffer.from(out.images[0], 'base64'));
    assert.deepEqual([png.width, png.height], [36, 64]);
  });

  it('ListFoundationModels lists the image models with IMAGE output', async () => {
    const res = await fetch(`${raw.emu.url}/foundation-models?byOutputModality=IMAGE`, { headers: { authorization: 'Bearer x' } });
    const ids = ((await res.json()) as J).modelSummaries.map((m: J) => m.modelId);
    for (const id of ['amazon.nova-canvas-v1:0', 'amazon.titan-image-generator-v2:0', 'stability.sd3-5-large-v1:0', 'stability.stable-image-ultra-v1:1', 'stability.stable-image-core-v1:1']) assert.ok(ids.includes(id), id);
  });
});
