// The optional tuning fields of Stability's thirteen image services: for each service, every field it
// documents lands in its body under its own name with the right type, and every field it does not
// take is left out even when the request carries one; values typed under Options are checked with
// messages naming the field and its range; a request with a field its service does not take or a
// value out of that service's range is refused before the call; and the turn's options carry the
// fields through the webview gate and into the request.
import assert from 'node:assert/strict';
import { imageBody, imageRequestProblem } from '../../../../../src/core/bedrock/images/imageBodies';
import type { ImageRequest } from '../../../../../src/core/bedrock/images/imageRequest';
import { optionValueText, parseOptionInput, serviceOptionSpecs, turnFieldsOf, type StabilityServiceOptions } from '../../../../../src/core/bedrock/images/stabilityServiceOptions';
import { stabilityServiceOf } from '../../../../../src/core/bedrock/images/stabilityServices';
import { imageRequestFor, type ImageStore } from '../../../../../src/core/chat/imageTurn';
import { checkWebviewMessage } from '../../../../../src/shared/protocolValidation';
import { imageTurnOptionsSchema } from '../../../../../src/shared/imageMessages';
import { TUNING_FIELD_LIMITS } from '../../../../../src/core/bedrock/images/stabilityServiceOptions';
import { pngOfSize } from '../adapters/mediaSamples';
import { CONSERVATIVE, CREATIVE, ERASE, FAST, INPAINT, OUTPAINT, SKETCH, STYLE_GUIDE, STYLE_TRANSFER } from '../../../../fixtures/stabilityModelIds';

const IMAGE = pngOfSize(512, 384);
const REMOVE_BACKGROUND = 'stability.stable-image-remove-background-v1:0';
const SEARCH_REPLACE = 'stability.stable-image-search-replace-v1:0';
const SEARCH_RECOLOR = 'stability.stable-image-search-recolor-v1:0';
const CONTROL_STRUCTURE = 'stability.stable-image-control-structure-v1:0';

/** A value for every tuning field, each within the range of every service that takes it. */
const EVERY_OPTION: Required<StabilityServiceOptions> = {
  style_preset: 'origami',
  output_format: 'webp',
  grow_mask: 7,
  creativity: 0.25,
  control_strength: 0.4,
  fidelity: 0.8,
  aspect_ratio: '16:9',
  composition_fidelity: 0.6,
  style_strength: 0.55,
  change_strength: 0.3,
};
const NUMBER_FIELDS = new Set(['grow_mask', 'creativity', 'control_strength', 'fidelity', 'composition_fidelity', 'style_strength', 'change_strength', 'seed']);

/** Each service's optional fields as its documentation lists them (written out here, not read from the product's table). */
const DOCUMENTED: Array<[string, ImageRequest['task'], Partial<ImageRequest>, string[]]> = [
  [REMOVE_BACKGROUND, 'removeBackground', {}, ['output_format']],
  [SEARCH_REPLACE, 'inpaint', { prompt: 'a bicycle', maskPrompt: 'the car' }, ['negative_prompt', 'style_preset', 'grow_mask', 'seed', 'output_format']],
  [SEARCH_RECOLOR, 'inpaint', { prompt: 'pink', maskPrompt: 'the jacket' }, ['negative_prompt', 'style_preset', 'grow_mask', 'seed', 'output_format']],
  [CONTROL_STRUCTURE, 'variation', { prompt: 'at night' }, ['negative_prompt', 'style_preset', 'control_strength', 'seed', 'output_format']],
  [INPAINT, 'maskInpaint', { prompt: 'a door' }, ['negative_prompt', 'style_preset', 'grow_mask', 'seed', 'output_format']],
  [ERASE, 'erase', {}, ['grow_mask', 'seed', 'output_format']],
  [OUTPAINT, 'outpaint', { outpaint: { left: 10, right: 0, up: 0, down: 0 } }, ['style_preset', 'creativity', 'seed', 'output_format']],
  [FAST, 'upscale', {}, ['output_format']],
  [CONSERVATIVE, 'upscale', { prompt: 'a harbour' }, ['negative_prompt', 'creativity', 'seed', 'output_format']],
  [CREATIVE, 'upscale', { prompt: 'a harbour' }, ['negative_prompt', 'style_preset', 'creativity', 'seed', 'output_format']],
  [SKETCH, 'sketch', { prompt: 'a castle' }, ['negative_prompt', 'style_preset', 'control_strength', 'seed', 'output_format']],
  [STYLE_GUIDE, 'styleGuide', { prompt: 'a fox' }, ['negative_prompt', 'aspect_ratio', 'style_preset', 'fidelity', 'seed', 'output_format']],
  [STYLE_TRANSFER, 'styleTransfer', { styleImage: IMAGE }, ['negative_prompt', 'style_strength', 'composition_fidelity', 'change_strength', 'seed', 'output_format']],
];
/** The inputs each service takes besides its tuning fields. */
const INPUT_FIELDS = ['image', 'init_image', 'style_image', 'prompt', 'search_prompt', 'select_prompt', 'mask', 'left', 'right', 'up', 'down'];

describe("Stability's image services: optional fields", () => {
  for (const [modelId, task, inputs, documented] of DOCUMENTED) {
    const service = stabilityServiceOf(modelId)!;
    it(`${service.label}: each of its options lands under its own name; nothing it does not take is sent`, () => {
      assert.deepEqual(serviceOptionSpecs(service.service).map((s) => s.field).sort(), [...documented].sort(), 'the Options step lists what the service documents');
      const req: ImageRequest = { modelId: `us.${modelId}`, task, image: IMAGE, ...inputs, negativePrompt: 'blur', seed: 11, serviceOptions: EVERY_OPTION };
      const body = imageBody('stability', req);
      const tuning = Object.keys(body).filter((k) => !INPUT_FIELDS.includes(k));
      assert.deepEqual(tuning.sort(), [...documented].sort());
      for (const field of documented) {
        const expected = field === 'negative_prompt' ? 'blur' : field === 'seed' ? 11 : EVERY_OPTION[field as keyof StabilityServiceOptions];
        assert.equal(body[field], expected, field);
        assert.equal(typeof body[field], NUMBER_FIELDS.has(field) ? 'number' : 'string', `${field} is sent as a ${NUMBER_FIELDS.has(field) ? 'number' : 'string'}`);
      }
      // With no options at all, the body is what it was: PNG, and none of the tuning fields.
      const plain = imageBody('stability', { modelId: `us.${modelId}`, task, image: IMAGE, ...inputs });
      assert.deepEqual(Object.keys(plain).filter((k) => !INPUT_FIELDS.includes(k)), ['output_format']);
      assert.equal(plain.output_format, 'png');
    });
  }

  it('a typed number is checked against its range and step, the message naming the field and the range', () => {
    const spec = (service: string, field: string) => serviceOptionSpecs(stabilityServiceOf(service)!.service).find((s) => s.field === field)!;
    const creative = spec(CREATIVE, 'creativity');
    assert.deepEqual(parseOptionInput(creative, '0.45'), { value: 0.45 });
    assert.deepEqual(parseOptionInput(creative, '  '), { value: undefined }, 'empty is the default');
    assert.deepEqual(parseOptionInput(creative, '0.6'), { problem: 'Creativity (creativity) must be a number from 0.1 to 0.5 in steps of 0.01; got 0.6.' });
    assert.match((parseOptionInput(creative, '0.123') as { problem: string }).problem, /in steps of 0\.01; got 0\.123/);
    assert.match((parseOptionInput(creative, '1e-1') as { problem: string }).problem, /got 1e-1/, 'only plain decimals');
    assert.match((parseOptionInput(spec(OUTPAINT, 'creativity'), '0.05') as { problem: string }).problem, /from 0\.1 to 1 /, "Outpaint's own range");
    const grow = spec(INPAINT, 'grow_mask');
    assert.deepEqual(parseOptionInput(grow, '12'), { value: 12 });
    assert.equal((parseOptionInput(grow, '2.5') as { problem: string }).problem, 'Grow mask (grow_mask) must be a whole number from 0 to 20; got 2.5.');
    assert.match((parseOptionInput(grow, '21') as { problem: string }).problem, /from 0 to 20; got 21/);
    const seed = spec(INPAINT, 'seed');
    assert.deepEqual(parseOptionInput(seed, '4294967294'), { value: 4_294_967_294 });
    assert.match((parseOptionInput(seed, '4294967295') as { problem: string }).problem, /^Seed \(seed\) must be a whole number from 0 to 4294967294/);
    assert.match((parseOptionInput(spec(STYLE_TRANSFER, 'change_strength'), 'abc') as { problem: string }).problem, /^Change strength \(change_strength\) .* from 0\.1 to 1 .*got abc/);
    assert.match((parseOptionInput(spec(INPAINT, 'style_preset'), 'watercolour') as { problem: string }).problem, /^Style preset \(style_preset\) must be one of 3d-model, .*tile-texture; got "watercolour"/);
  });

  it('the Options list names a default as such', () => {
    const specs = serviceOptionSpecs('styleGuide');
    const text = (field: string, v?: string | number) => optionValueText(specs.find((s) => s.field === field)!, v);
    assert.equal(text('fidelity'), 'default: 0.5');
    assert.equal(text('fidelity', 0.9), '0.9');
    assert.equal(text('style_preset'), 'default: none');
    assert.equal(text('seed'), 'default: random, reported with the result');
    assert.equal(text('negative_prompt', 'fog'), '"fog"');
  });

  it('a field the service does not take, or a value outside its range, is refused before the call', () => {
    const base: ImageRequest = { modelId: `us.${CREATIVE}`, task: 'upscale', image: IMAGE, prompt: 'a harbour' };
    assert.equal(imageRequestProblem({ ...base, serviceOptions: { creativity: 0.3, style_preset: 'anime' } }), undefined);
    assert.equal(imageRequestProblem({ ...base, serviceOptions: { creativity: 0.8 } }), 'Creativity (creativity) must be a number from 0.1 to 0.5 in steps of 0.01; got 0.8.');
    assert.match(imageRequestProblem({ ...base, serviceOptions: { fidelity: 0.5 } })!, /^Stable Creative Upscale does not take fidelity; it takes negative_prompt, style_preset, creativity, seed, output_format\.$/);
    assert.match(imageRequestProblem({ modelId: FAST, task: 'upscale', image: IMAGE, serviceOptions: { style_preset: 'anime' } })!, /Stable Fast Upscale does not take style_preset/);
  });

  it("the Options step's values become the turn's fields: negative prompt and seed as the turn's own", () => {
    assert.deepEqual(turnFieldsOf('inpaint', { negative_prompt: 'fog', seed: 9, grow_mask: 4, style_preset: 'anime', fidelity: 0.5 }), { negativePrompt: 'fog', seed: 9, serviceOptions: { grow_mask: 4, style_preset: 'anime' } });
    assert.deepEqual(turnFieldsOf('fastUpscale', { seed: 9 }), {}, 'Fast Upscale takes no seed');
  });

  it('the webview gate and the turn carry the options; an unknown field or an impossible value is refused', async () => {
    const send = (serviceOptions: unknown) => checkWebviewMessage({ method: 'chat/send', requestId: 'r', conversationId: 'c', text: 't', image: { task: 'upscale', sourceImageId: 'a', serviceOptions } });
    const ok = send({ creativity: 0.3, output_format: 'jpeg' });
    assert.ok(ok.ok);
    const options = (ok.message as unknown as { image: Record<string, unknown> }).image;
    assert.deepEqual(options.serviceOptions, { creativity: 0.3, output_format: 'jpeg' });
    assert.match((send({ tile: true }) as { problem: string }).problem, /serviceOptions: tile is not a tuning field/);
    assert.match((send({ grow_mask: 50 }) as { problem: string }).problem, /Grow mask \(grow_mask\) must be a whole number from 0 to 20; got 50/);
    assert.match((send({ output_format: 'gif' }) as { problem: string }).problem, /output_format/);
    const store: ImageStore = { put: async () => 'id', get: async () => ({ data: IMAGE, mime: 'image/png' }) };
    const req = await imageRequestFor({ modelId: CREATIVE, prompt: 'a harbour', store, options: options as never });
    assert.deepEqual((req as ImageRequest).serviceOptions, { creativity: 0.3, output_format: 'jpeg' });
  });

  it('a stored turn with a bad tuning field keeps its other options, and the bad one is named', () => {
    const issues: { path: string; what: string }[] = [];
    const read = imageTurnOptionsSchema({ task: 'upscale', sourceImageId: 'a', seed: 4, serviceOptions: { creativity: 7 } }, issues);
    assert.deepEqual(read, { task: 'upscale', sourceImageId: 'a', seed: 4 });
    assert.equal(issues.length, 1);
    assert.match(`${issues[0]!.path}: ${issues[0]!.what}`, /^\.serviceOptions: Creativity \(creativity\) must be a number from 0\.1 to 1 /, 'the widest range any service takes');
    assert.deepEqual([TUNING_FIELD_LIMITS.creativity.min, TUNING_FIELD_LIMITS.creativity.max], [0.1, 1]);
  });
});
