import assert from 'node:assert/strict';
import { generatesImages, imageFamilyOf, imageTraitsOf, supportsImageTask } from '../../../../../src/core/bedrock/images/imageFamily';
import { imageBody, imageRequestProblem, parseImageResponse } from '../../../../../src/core/bedrock/images/imageBodies';
import type { ImageRequest } from '../../../../../src/core/bedrock/images/imageRequest';
import { shippedDescriptor } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { imageModelOptions } from '../../../../../src/core/chat/modelOptions';
import { buildModelTree } from '../../../../../src/core/explorer/modelTree';
import { rowOf } from '../../../../../src/core/explorer/treeRows';
import { modelSections } from '../../../../../webview-ui/chat/modelList';
import { jpegOfSize, pngOfSize } from '../adapters/mediaSamples';

const REMOVE_BG = 'stability.stable-image-remove-background-v1:0';
const SEARCH_REPLACE = 'stability.stable-image-search-replace-v1:0';
const SEARCH_RECOLOR = 'stability.stable-image-search-recolor-v1:0';
const STRUCTURE = 'stability.stable-image-control-structure-v1:0';
const CANVAS = 'amazon.nova-canvas-v1:0';
const IMAGE = pngOfSize(512, 384);
const B64 = Buffer.from(IMAGE).toString('base64');
const edit = (modelId: string, extra: Partial<ImageRequest> = {}): ImageRequest => ({ modelId, task: 'inpaint', image: IMAGE, maskPrompt: 'the car', prompt: 'a bicycle', ...extra });

describe("Stability's image services", () => {
  it('each service is one task on the Stability family, every one of the thirteen offered', () => {
    assert.deepEqual(imageTraitsOf(REMOVE_BG)?.tasks, ['removeBackground']);
    assert.deepEqual(imageTraitsOf(`us.${SEARCH_REPLACE}`)?.tasks, ['inpaint']);
    assert.deepEqual(imageTraitsOf(SEARCH_RECOLOR)?.tasks, ['inpaint']);
    assert.deepEqual(imageTraitsOf(STRUCTURE)?.tasks, ['variation']);
    assert.equal(imageFamilyOf(SEARCH_REPLACE), 'stability');
    assert.equal(imageTraitsOf(SEARCH_REPLACE)?.label, 'Stable Image Search and Replace');
    assert.equal(imageTraitsOf(SEARCH_REPLACE)?.maxImages, 1);
    const tasks: Array<[string, string]> = [
      ['stability.stable-image-inpaint-v1:0', 'maskInpaint'],
      ['stability.stable-image-erase-object-v1:0', 'erase'],
      ['stability.stable-outpaint-v1:0', 'outpaint'],
      ['stability.stable-fast-upscale-v1:0', 'upscale'],
      ['stability.stable-conservative-upscale-v1:0', 'upscale'],
      ['stability.stable-creative-upscale-v1:0', 'upscale'],
      ['stability.stable-image-control-sketch-v1:0', 'sketch'],
      ['stability.stable-image-style-guide-v1:0', 'styleGuide'],
      ['stability.stable-style-transfer-v1:0', 'styleTransfer'],
    ];
    for (const [id, task] of tasks) assert.deepEqual(imageTraitsOf(`us.${id}`)?.tasks, [task], id);
    assert.ok(supportsImageTask(REMOVE_BG, 'removeBackground') && !supportsImageTask(REMOVE_BG, 'textToImage'));
    assert.ok(!generatesImages(SEARCH_REPLACE) && generatesImages(CANVAS) && generatesImages('stability.sd3-5-large-v1:0'));
  });

  it('builds each service its own flat body', () => {
    assert.deepEqual(imageBody('stability', { modelId: `us.${REMOVE_BG}`, task: 'removeBackground', image: IMAGE }), { image: B64, output_format: 'png' });
    assert.deepEqual(imageBody('stability', edit(SEARCH_REPLACE, { seed: 9, negativePrompt: 'rust' })), { image: B64, prompt: 'a bicycle', negative_prompt: 'rust', seed: 9, output_format: 'png', search_prompt: 'the car' });
    assert.deepEqual(imageBody('stability', edit(SEARCH_RECOLOR, { maskPrompt: 'the door', prompt: 'a red door' })), { image: B64, prompt: 'a red door', output_format: 'png', select_prompt: 'the door' });
    assert.deepEqual(imageBody('stability', { modelId: STRUCTURE, task: 'variation', image: IMAGE, prompt: 'in snow', similarityStrength: 0.8, seed: 1 }), { image: B64, prompt: 'in snow', seed: 1, output_format: 'png', control_strength: 0.8 });
  });

  it('names what each service needs before anything is sent', () => {
    assert.equal(imageRequestProblem(edit(SEARCH_REPLACE)), undefined);
    assert.equal(imageRequestProblem(edit(SEARCH_REPLACE, { image: jpegOfSize(64, 160) })), undefined, 'a JPEG at the limits');
    assert.equal(imageRequestProblem(edit(SEARCH_REPLACE, { prompt: ' ' })), 'Stable Image Search and Replace needs a prompt: What should replace it?');
    assert.match(imageRequestProblem(edit(SEARCH_RECOLOR, { prompt: '' }))!, /^Stable Image Search and Recolor needs a prompt: What colours/);
    assert.match(imageRequestProblem({ modelId: STRUCTURE, task: 'variation', image: IMAGE })!, /^Stable Image Control Structure needs a prompt/);
    assert.match(imageRequestProblem(edit(SEARCH_REPLACE, { maskPrompt: '' }))!, /needs a mask prompt/);
    assert.equal(imageRequestProblem(edit(SEARCH_REPLACE, { image: pngOfSize(63, 100) })), 'The input image is 63×100; Stable Image Search and Replace needs at least 64 pixels on each side.');
    assert.match(imageRequestProblem(edit(SEARCH_REPLACE, { image: pngOfSize(4000, 3000) }))!, /4000×3000 \(12000000 pixels\); .* at most 9437184 pixels/);
    assert.match(imageRequestProblem(edit(SEARCH_REPLACE, { image: jpegOfSize(1000, 300) }))!, /1000×300; .* aspect ratios from 1:2\.5 to 2\.5:1/);
    assert.match(imageRequestProblem(edit(SEARCH_REPLACE, { count: 2 }))!, /1 to 1/);
    assert.match(imageRequestProblem(edit(SEARCH_REPLACE, { seed: 4_294_967_295 }))!, /0 to 4294967294/);
    assert.equal(imageRequestProblem({ modelId: REMOVE_BG, task: 'removeBackground', image: IMAGE, aspectRatio: '16:9' }), undefined, 'an aspect ratio left over from the chat form is not sent, so not refused');
    assert.match(imageRequestProblem({ modelId: REMOVE_BG, task: 'textToImage', prompt: 'x' })!, /cannot generate image; it supports: Remove Background/);
  });

  it("reads the answer like Stability's generators: the seed, and a filtered output in the model's words", () => {
    const png = Buffer.from(pngOfSize(8, 8)).toString('base64');
    assert.deepEqual(parseImageResponse('stability', { seeds: [42], finish_reasons: [null], images: [png] }, edit(SEARCH_REPLACE)).images.map((i) => i.seed), [42]);
    assert.deepEqual(parseImageResponse('stability', { finish_reasons: ['Filter reason: input image'] }, edit(SEARCH_REPLACE)), { images: [], filtered: { blocked: 1, requested: 1, modelWording: 'Filter reason: input image' } });
  });

  it('the explorer offers each model only the image commands it can do; the chat picker only models that draw from text', () => {
    const ids = [CANVAS, 'amazon.titan-image-generator-v2:0', REMOVE_BG, SEARCH_REPLACE, STRUCTURE];
    const descriptors = ids.map((id) => shippedDescriptor(id, SHIPPED_MODELS));
    const rows = buildModelTree(descriptors).flatMap((g) => g.models.map((m) => rowOf(m)));
    const flags = (id: string) => rows.find((r) => r.id === `model:${id}`)!.contextValue.split(' ').filter((f) => f.startsWith('image'));
    assert.deepEqual(flags(CANVAS), ['image', 'imageVariation', 'imageRemoveBackground', 'imageEdit']);
    assert.deepEqual(flags(REMOVE_BG), ['imageRemoveBackground']);
    assert.deepEqual(flags(SEARCH_REPLACE), ['imageEdit']);
    assert.deepEqual(flags(STRUCTURE), ['imageVariation']);
    const options = imageModelOptions(descriptors);
    assert.deepEqual(options.find((o) => o.id === SEARCH_REPLACE)?.image?.tasks, ['inpaint'], 'listed with its one task, so an edit runs as an image turn');
    const pickable = modelSections(options, { query: '', favourites: [SEARCH_REPLACE], recent: [REMOVE_BG] }).flatMap((s) => s.models.map((m) => m.id));
    assert.deepEqual(pickable.sort(), [CANVAS, 'amazon.titan-image-generator-v2:0'], 'the picker offers only models that draw from text');
  });
});
