// The optional tuning fields of Stability's image services through the router against the
// emulator over the real SDK: what the Options step sets for Inpaint, Creative Upscale, Style
// Transfer, Style Guide and Outpaint reaches each service under its own names and types (read from
// the emulator's log, which checks them like the service's schema), and a value outside a service's
// range or a field it does not take is refused before anything is sent.
import assert from 'node:assert/strict';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import type { ImageRequest } from '../../../src/core/bedrock/images/imageRequest';
import { useEmulatorRig } from './routerHarness';
import { b64, INPUT, MASK, STYLE } from '../../fixtures/stabilityInputs';
import { CREATIVE, INPAINT, OUTPAINT, STYLE_GUIDE, STYLE_TRANSFER } from '../../fixtures/stabilityModelIds';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Req = Partial<ImageRequest> & Pick<ImageRequest, 'modelId' | 'task'>;


describe("router: Stability's image services with their optional fields (emulator log)", function () {
  const t = useEmulatorRig({}, { maxAttempts: 1 });
  const invokes = () => t.emu.requests.filter((x) => x.route === 'InvokeModel');
  const run = (r: Req) => t.rig.router.generateImage({ image: INPUT, seed: 5, ...r });

  const cases: Array<[string, Req, J]> = [
    [
      'Inpaint: negative prompt, style preset, grow mask, output format',
      { modelId: INPAINT, task: 'maskInpaint', prompt: 'a red boat', mask: MASK, negativePrompt: 'fog', serviceOptions: { style_preset: 'anime', grow_mask: 12, output_format: 'jpeg' } },
      { image: b64(INPUT), mask: b64(MASK), prompt: 'a red boat', negative_prompt: 'fog', seed: 5, style_preset: 'anime', grow_mask: 12, output_format: 'jpeg' },
    ],
    [
      'Creative Upscale: creativity and style preset',
      { modelId: CREATIVE, task: 'upscale', prompt: 'a harbour at noon', serviceOptions: { creativity: 0.45, style_preset: 'photographic' } },
      { image: b64(INPUT), prompt: 'a harbour at noon', seed: 5, creativity: 0.45, style_preset: 'photographic', output_format: 'png' },
    ],
    [
      'Style Transfer: the three strengths',
      { modelId: STYLE_TRANSFER, task: 'styleTransfer', styleImage: STYLE, serviceOptions: { style_strength: 0.6, composition_fidelity: 0.3, change_strength: 0.1 } },
      { init_image: b64(INPUT), style_image: b64(STYLE), seed: 5, style_strength: 0.6, composition_fidelity: 0.3, change_strength: 0.1, output_format: 'png' },
    ],
    [
      'Style Guide: aspect ratio and fidelity',
      { modelId: STYLE_GUIDE, task: 'styleGuide', prompt: 'a fox', serviceOptions: { aspect_ratio: '9:16', fidelity: 0.95, output_format: 'webp' } },
      { image: b64(INPUT), prompt: 'a fox', seed: 5, aspect_ratio: '9:16', fidelity: 0.95, output_format: 'webp' },
    ],
    [
      'Outpaint: creativity at its top',
      { modelId: OUTPAINT, task: 'outpaint', outpaint: { left: 0, right: 16, up: 0, down: 0 }, serviceOptions: { creativity: 1 } },
      { image: b64(INPUT), right: 16, seed: 5, creativity: 1, output_format: 'png' },
    ],
  ];
  for (const [name, request, body] of cases) {
    it(`${name}: each lands in the body under its own name, and the service answers`, async () => {
      const res = await run(request);
      const call = invokes().at(-1)!;
      assert.equal(call.modelId, `us.${request.modelId}`);
      assert.deepEqual(call.body, body);
      assert.equal(res.images.length, 1);
      assert.equal(res.images[0]!.seed, 5);
    });
  }

  it('a value outside the service\'s range, or a field it does not take, is refused before the call', async () => {
    const refusals: Array<[Req, string]> = [
      [{ modelId: CREATIVE, task: 'upscale', prompt: 'x', serviceOptions: { creativity: 0.7 } }, 'Creativity (creativity) must be a number from 0.1 to 0.5 in steps of 0.01; got 0.7.'],
      [{ modelId: STYLE_TRANSFER, task: 'styleTransfer', styleImage: STYLE, serviceOptions: { change_strength: 0.05 } }, 'Change strength (change_strength) must be a number from 0.1 to 1 in steps of 0.01; got 0.05.'],
      [{ modelId: STYLE_TRANSFER, task: 'styleTransfer', styleImage: STYLE, serviceOptions: { fidelity: 0.5 } }, 'Stable Style Transfer does not take fidelity; it takes negative_prompt, style_strength, composition_fidelity, change_strength, seed, output_format.'],
      [{ modelId: INPAINT, task: 'maskInpaint', prompt: 'x', mask: MASK, serviceOptions: { grow_mask: 20.5 } }, 'Grow mask (grow_mask) must be a whole number from 0 to 20; got 20.5.'],
    ];
    for (const [request, message] of refusals) {
      const err = await run(request).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof BedrockError, `${request.modelId}: ${String(err)}`);
      assert.equal(err.classified.kind, 'validation');
      assert.equal(err.message, message);
    }
    assert.equal(invokes().length, 0);
  });
});
