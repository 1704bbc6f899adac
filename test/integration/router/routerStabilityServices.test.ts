// Stability's Inpaint, Erase Object, Outpaint, the three upscalers, Control Sketch, Style Guide and
// Style Transfer through the router against the emulator over the real SDK: the body each service
// received (from the emulator's log, which checks it against the service's schema), the `us.`
// profile it went to, the PNG it answered, filter outcomes in the model's words, and the checks
// that stop a request the service would refuse before anything is sent.
import assert from 'node:assert/strict';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import type { ImageRequest } from '../../../src/core/bedrock/images/imageRequest';
import { useEmulatorRig } from './routerHarness';
import { decodePng, generatedPicture } from '../../emulator/png';
import { b64, INPUT, MASK, STYLE } from '../../fixtures/stabilityInputs';
import { CONSERVATIVE, CREATIVE, ERASE, FAST, INPAINT, OUTPAINT, SKETCH, STYLE_GUIDE, STYLE_TRANSFER } from '../../fixtures/stabilityModelIds';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Req = Partial<ImageRequest> & Pick<ImageRequest, 'modelId' | 'task'>;


/** The same picture with transparent pixels: without a mask, its alpha channel is the mask. */
const CUTOUT = new Uint8Array(generatedPicture('a harbour', 96, 72, true));

describe("router: Stability's mask, margin, upscale and style services (emulator log)", function () {
  const t = useEmulatorRig({}, { maxAttempts: 1 });

  const invokes = () => t.emu.requests.filter((x) => x.route === 'InvokeModel');
  const last = () => invokes().at(-1)!;
  const run = (r: Req) => t.rig.router.generateImage({ image: INPUT, seed: 5, ...r });

  const cases: Array<[string, Req, J, [number, number]]> = [
    ['Inpaint with a mask', { modelId: INPAINT, task: 'maskInpaint', prompt: 'a red boat', mask: MASK, negativePrompt: 'fog' }, { image: b64(INPUT), prompt: 'a red boat', negative_prompt: 'fog', seed: 5, output_format: 'png', mask: b64(MASK) }, [96, 72]],
    ['Inpaint with the alpha channel as the mask', { modelId: INPAINT, task: 'maskInpaint', prompt: 'a red boat', image: CUTOUT }, { image: b64(CUTOUT), prompt: 'a red boat', seed: 5, output_format: 'png' }, [96, 72]],
    ['Erase Object with a mask', { modelId: ERASE, task: 'erase', mask: MASK }, { image: b64(INPUT), mask: b64(MASK), seed: 5, output_format: 'png' }, [96, 72]],
    ['Erase Object with the alpha channel', { modelId: ERASE, task: 'erase', image: CUTOUT }, { image: b64(CUTOUT), seed: 5, output_format: 'png' }, [96, 72]],
    ['Outpaint', { modelId: OUTPAINT, task: 'outpaint', outpaint: { left: 20, right: 0, up: 0, down: 8 }, prompt: 'more sea' }, { image: b64(INPUT), left: 20, down: 8, prompt: 'more sea', seed: 5, output_format: 'png' }, [116, 80]],
    ['Fast Upscale', { modelId: FAST, task: 'upscale' }, { image: b64(INPUT), output_format: 'png' }, [384, 288]],
    ['Conservative Upscale', { modelId: CONSERVATIVE, task: 'upscale', prompt: 'a harbour at noon' }, { image: b64(INPUT), prompt: 'a harbour at noon', seed: 5, output_format: 'png' }, [96, 72]],
    ['Creative Upscale (synchronous on Bedrock)', { modelId: CREATIVE, task: 'upscale', prompt: 'a harbour at noon' }, { image: b64(INPUT), prompt: 'a harbour at noon', seed: 5, output_format: 'png' }, [96, 72]],
    ['Control Sketch', { modelId: SKETCH, task: 'sketch', prompt: 'a lighthouse', similarityStrength: 0.6 }, { image: b64(INPUT), prompt: 'a lighthouse', seed: 5, output_format: 'png', control_strength: 0.6 }, [96, 72]],
    ['Style Guide', { modelId: STYLE_GUIDE, task: 'styleGuide', prompt: 'a fox in the snow' }, { image: b64(INPUT), prompt: 'a fox in the snow', seed: 5, output_format: 'png' }, [96, 72]],
    ['Style Transfer', { modelId: STYLE_TRANSFER, task: 'styleTransfer', styleImage: STYLE }, { init_image: b64(INPUT), style_image: b64(STYLE), seed: 5, output_format: 'png' }, [96, 72]],
  ];
  for (const [name, request, body, [width, height]] of cases) {
    it(`${name}: its own body through the us. profile, a PNG back`, async () => {
      const res = await run(request);
      assert.equal(last().modelId, `us.${request.modelId}`);
      assert.equal(invokes().length, 1, 'the profile is chosen from the catalog, not after a refusal');
      assert.deepEqual(last().body, body);
      assert.equal(res.images.length, 1);
      assert.equal(res.filtered, undefined);
      const png = decodePng(res.images[0]!.data);
      assert.deepEqual([png.width, png.height], [width, height]);
      // Fast Upscale is sent no seed (its body above); the others the one asked for, reported back.
      if (request.modelId !== FAST) assert.equal(res.images[0]!.seed, 5);
    });
  }

  it("filter outcomes in the model's words, nothing kept", async () => {
    const blocked = await run({ modelId: STYLE_GUIDE, task: 'styleGuide', prompt: 'a fox [filter:input]' });
    assert.deepEqual(blocked.images, []);
    assert.deepEqual(blocked.filtered, { blocked: 1, requested: 1, modelWording: 'Filter reason: prompt' });
    const withheld = await run({ modelId: OUTPAINT, task: 'outpaint', outpaint: { left: 0, right: 0, up: 10, down: 0 }, prompt: 'sky [filter:all]' });
    assert.deepEqual(withheld.filtered, { blocked: 1, requested: 1, modelWording: 'Filter reason: output image' });
  });

  it('a request a service would refuse is stopped before the call, naming what to change', async () => {
    const refusals: Array<[Req, RegExp]> = [
      [{ modelId: FAST, task: 'upscale', image: new Uint8Array(generatedPicture('tall', 30, 90)) }, /30×90; Stable Fast Upscale needs from 32 to 1536 pixels on each side/],
      [{ modelId: ERASE, task: 'erase' }, /no alpha channel\. Choose a mask image/],
      [{ modelId: INPAINT, task: 'maskInpaint', prompt: 'x', mask: new Uint8Array(generatedPicture('small mask', 48, 36)) }, /^The mask is 48×36 but the image is 96×72/],
      [{ modelId: OUTPAINT, task: 'outpaint', outpaint: { left: 0, right: 0, up: 0, down: 0 } }, /at least one margin above 0/],
      [{ modelId: OUTPAINT, task: 'outpaint', outpaint: { left: 2500, right: 0, up: 0, down: 0 } }, /left margin must be a whole number of pixels from 0 to 2000; got 2500/],
      [{ modelId: STYLE_TRANSFER, task: 'styleTransfer' }, /needs a style image/],
      [{ modelId: CONSERVATIVE, task: 'upscale' }, /^Stable Conservative Upscale needs a prompt/],
    ];
    for (const [request, message] of refusals) {
      const err = await run(request).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof BedrockError, `${request.modelId}: ${String(err)}`);
      assert.equal(err.classified.kind, 'validation');
      assert.match(err.message, message);
    }
    assert.equal(invokes().length, 0);
  });
});
