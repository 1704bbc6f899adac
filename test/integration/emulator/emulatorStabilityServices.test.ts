// The emulator's Stability image services through the raw SDK (HTTP/2): each is reached through
// its cross-Region profile (no on-demand throughput), its body checked like the service's schema
// (required keys, no others, ranges, enums, the input image's limits), and it answers Stability's
// `seeds` / `finish_reasons` / `images` with a real PNG of the input's size.
import assert from 'node:assert/strict';
import { ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { useRawRuntime } from './rawRuntime';
import { decodePng, generatedPicture } from '../../emulator/png';
import { onDemandMessage } from '../../emulator/serviceError';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const picture = (w: number, h: number) => Buffer.from(generatedPicture(`in ${w}x${h}`, w, h)).toString('base64');
const IMAGE = picture(80, 64);
const malformed = (detail: string) => `Malformed input request: ${detail}, please reformat your input and try again.`;

describe('emulator: Stability image services', function () {
  const raw = useRawRuntime();
  const invoke = (service: string, body: unknown, prefix = 'us.') => raw.invoke(`${prefix}stability.${service}-v1:0`, body);
  const refused = (service: string, body: unknown, message: string) => raw.refused(`us.stability.${service}-v1:0`, body, message);

  it('lists all thirteen services with IMAGE output, each needing an inference profile', async () => {
    await assert.rejects(invoke('stable-image-remove-background', { image: IMAGE }, ''), (e: unknown) => e instanceof ValidationException && e.message === onDemandMessage('stability.stable-image-remove-background-v1:0'));
    const res = await fetch(`${raw.emu.url}/foundation-models?byOutputModality=IMAGE`, { headers: { authorization: 'Bearer x' } });
    const ids = ((await res.json()) as J).modelSummaries.map((m: J) => m.modelId as string);
    assert.equal(ids.filter((id: string) => /^stability\.stable-(image-)?(remove-background|search-re|inpaint|erase|outpaint|control|style|.*upscale)/.test(id)).length, 13);
  });

  it('Remove Background answers a cut-out PNG of the input size; the others a PNG and the seed', async () => {
    const cut = await invoke('stable-image-remove-background', { image: IMAGE, output_format: 'png' });
    assert.deepEqual(Object.keys(cut), ['seeds', 'finish_reasons', 'images']);
    assert.deepEqual(cut.finish_reasons, [null]);
    const png = decodePng(Buffer.from(cut.images[0], 'base64'));
    assert.deepEqual([png.width, png.height, png.alpha], [80, 64, true]);
    const replaced = await invoke('stable-image-search-replace', { image: IMAGE, prompt: 'a bicycle', search_prompt: 'the car', seed: 77, grow_mask: 3, style_preset: 'photographic' });
    assert.deepEqual(replaced.seeds, [77]);
    assert.deepEqual([decodePng(Buffer.from(replaced.images[0], 'base64')).width, decodePng(Buffer.from(replaced.images[0], 'base64')).height], [80, 64]);
    const again = await invoke('stable-image-search-replace', { image: IMAGE, prompt: 'a bicycle', search_prompt: 'the car', seed: 77, grow_mask: 3, style_preset: 'photographic' });
    assert.equal(again.images[0], replaced.images[0], 'the same seed and inputs give the same image');
    for (const [service, body] of [
      ['stable-image-search-recolor', { image: IMAGE, prompt: 'a red door', select_prompt: 'the door' }],
      ['stable-image-control-structure', { image: IMAGE, prompt: 'in snow', control_strength: 0.4 }],
      ['stable-image-control-sketch', { image: IMAGE, prompt: 'a house' }],
      ['stable-image-style-guide', { image: IMAGE, prompt: 'a city', fidelity: 0.8, aspect_ratio: '16:9' }],
      ['stable-style-transfer', { init_image: IMAGE, style_image: IMAGE, change_strength: 0.5 }],
      ['stable-image-inpaint', { image: IMAGE, prompt: 'a cat', mask: IMAGE }],
      ['stable-image-erase-object', { image: IMAGE, mask: IMAGE }],
      ['stable-outpaint', { image: IMAGE, left: 100 }],
      ['stable-fast-upscale', { image: IMAGE }],
      ['stable-conservative-upscale', { image: IMAGE, prompt: 'sharper', creativity: 0.35 }],
      ['stable-creative-upscale', { image: IMAGE, prompt: 'sharper' }],
    ] as const) {
      const out = await invoke(service, body);
      assert.deepEqual(out.finish_reasons, [null], service);
      // Outpaint grows by its margins and Fast Upscale by four; the rest keep the input's size.
      const width = service === 'stable-outpaint' ? 180 : service === 'stable-fast-upscale' ? 320 : 80;
      assert.equal(decodePng(Buffer.from(out.images[0], 'base64')).width, width, service);
    }
  });

  it('refuses what the schema does not take, in the validator\'s words', async () => {
    await refused('stable-image-search-replace', { image: IMAGE, prompt: 'x' }, malformed('#: required key [search_prompt] not found'));
    await refused('stable-image-search-replace', { image: IMAGE, prompt: 'x', search_prompt: 'y', select_prompt: 'z' }, malformed('#: extraneous key [select_prompt] is not permitted'));
    await refused('stable-image-search-recolor', { image: IMAGE, prompt: 'x', select_prompt: 'y', grow_mask: 25 }, malformed('#/grow_mask: 25 is not less or equal to 20'));
    await refused('stable-image-control-structure', { image: IMAGE, prompt: 'x', seed: 4_294_967_295 }, malformed('#/seed: 4294967295 is not less or equal to 4294967294'));
    await refused('stable-image-control-structure', { image: IMAGE, prompt: 'x', style_preset: 'oil' }, malformed('#/style_preset: oil is not a valid enum value'));
    await refused('stable-image-remove-background', { image: IMAGE, prompt: 'x' }, malformed('#: extraneous key [prompt] is not permitted'));
    await refused('stable-image-remove-background', { image: IMAGE, output_format: 'gif' }, malformed('#/output_format: gif is not a valid enum value'));
    await refused('stable-style-transfer', { init_image: IMAGE }, malformed('#: required key [style_image] not found'));
    await refused('stable-outpaint', { image: IMAGE }, 'At least one outpaint direction (left, right, up or down) must be a non-zero value.');
    await refused('stable-image-remove-background', { image: Buffer.from('not an image').toString('base64') }, 'Unable to process provided image. The image must be a PNG or JPEG.');
    await refused('stable-image-remove-background', { image: picture(48, 64) }, '#/image: image dimensions 48x64 are invalid: every side must be at least 64 pixels.');
    await refused('stable-image-search-replace', { image: picture(200, 64), prompt: 'x', search_prompt: 'y' }, '#/image: image aspect ratio 200:64 is outside 1:2.5 to 2.5:1.');
    await refused('stable-fast-upscale', { image: picture(1600, 40) }, '#/image: image dimensions 1600x40 are invalid: every side must be between 32 and 1536 pixels.');
  });

  it('refuses a tuning field the service does not take, and one outside its range', async () => {
    await refused('stable-conservative-upscale', { image: IMAGE, prompt: 'x', style_preset: 'anime' }, malformed('#: extraneous key [style_preset] is not permitted'));
    await refused('stable-style-transfer', { init_image: IMAGE, style_image: IMAGE, fidelity: 0.5 }, malformed('#: extraneous key [fidelity] is not permitted'));
    await refused('stable-image-erase-object', { image: IMAGE, mask: IMAGE, negative_prompt: 'x' }, malformed('#: extraneous key [negative_prompt] is not permitted'));
    await refused('stable-creative-upscale', { image: IMAGE, prompt: 'x', creativity: 0.6 }, malformed('#/creativity: 0.6 is not less or equal to 0.5'));
    await refused('stable-conservative-upscale', { image: IMAGE, prompt: 'x', creativity: 0.15 }, malformed('#/creativity: 0.15 is not greater or equal to 0.2'));
    await refused('stable-outpaint', { image: IMAGE, left: 10, creativity: 0.05 }, malformed('#/creativity: 0.05 is not greater or equal to 0.1'));
    await refused('stable-style-transfer', { init_image: IMAGE, style_image: IMAGE, change_strength: 0.05 }, malformed('#/change_strength: 0.05 is not greater or equal to 0.1'));
    await refused('stable-image-style-guide', { image: IMAGE, prompt: 'x', aspect_ratio: '4:3' }, malformed('#/aspect_ratio: 4:3 is not a valid enum value'));
    await refused('stable-image-inpaint', { image: IMAGE, prompt: 'x', grow_mask: '5' }, malformed('#/grow_mask: expected type: Number, found: String'));
  });

  it("content filters answer 200 with Stability's finish reason", async () => {
    assert.deepEqual(await invoke('stable-image-search-replace', { image: IMAGE, prompt: 'x [filter:input]', search_prompt: 'y' }), { finish_reasons: ['Filter reason: prompt'] });
    assert.deepEqual(await invoke('stable-image-search-recolor', { image: IMAGE, prompt: 'red', select_prompt: 'y [filter:image]' }), { finish_reasons: ['Filter reason: input image'] });
    const out = await invoke('stable-image-control-structure', { image: IMAGE, prompt: 'x [filter:all]', seed: 3 });
    assert.deepEqual(out, { seeds: [3], finish_reasons: ['Filter reason: output image'], images: [] });
  });
});
