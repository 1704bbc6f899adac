import assert from 'node:assert/strict';
import { ReelInputError, imageProblem, reelModelInput, reelTasks } from '../../../../../src/core/bedrock/async/novaReel';

/** A PNG header of the given size (enough for the size check). */
function pngHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

describe('Nova Reel inputs', () => {
  it('text to video: the documented body, with an optional first frame', () => {
    const frame = pngHeader(1280, 720);
    assert.deepEqual(reelModelInput('amazon.nova-reel-v1:0', { task: 'TEXT_VIDEO', prompt: 'Waves', image: { format: 'png', bytes: frame }, seed: 3 }), {
      taskType: 'TEXT_VIDEO',
      textToVideoParams: { text: 'Waves', images: [{ format: 'png', source: { bytes: Buffer.from(frame).toString('base64') } }] },
      videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 3 },
    });
  });

  it('multi-shot: automated takes a duration in 6-second steps, manual one prompt per shot and no duration', () => {
    assert.deepEqual(reelModelInput('amazon.nova-reel-v1:1', { task: 'MULTI_SHOT_AUTOMATED', prompt: 'A day in a city', durationSeconds: 18 }), {
      taskType: 'MULTI_SHOT_AUTOMATED',
      multiShotAutomatedParams: { text: 'A day in a city' },
      videoGenerationConfig: { durationSeconds: 18, fps: 24, dimension: '1280x720' },
    });
    const manual = reelModelInput('amazon.nova-reel-v1:1', { task: 'MULTI_SHOT_MANUAL', shots: [{ prompt: 'One' }, { prompt: 'Two', image: { format: 'jpeg', s3Uri: 's3://b1b/two.jpg' } }] });
    assert.deepEqual(manual.multiShotManualParams, { shots: [{ text: 'One' }, { text: 'Two', image: { format: 'jpeg', source: { s3Location: { uri: 's3://b1b/two.jpg' } } } }] });
    assert.ok(!('durationSeconds' in (manual.videoGenerationConfig as object)));
  });

  it('names what breaks a limit before anything is sent', () => {
    assert.deepEqual(reelTasks('amazon.nova-reel-v1:0'), ['TEXT_VIDEO']);
    const cases: Array<[() => unknown, RegExp]> = [
      [() => reelModelInput('amazon.nova-reel-v1:0', { task: 'TEXT_VIDEO', prompt: '  ' }), /prompt is empty/],
      [() => reelModelInput('amazon.nova-reel-v1:0', { task: 'TEXT_VIDEO', prompt: 'x'.repeat(513) }), /513 characters; Nova Reel takes at most 512/],
      [() => reelModelInput('amazon.nova-reel-v1:0', { task: 'MULTI_SHOT_AUTOMATED', prompt: 'x', durationSeconds: 12 }), /multi-shot videos need amazon\.nova-reel-v1:1/],
      [() => reelModelInput('amazon.nova-reel-v1:1', { task: 'MULTI_SHOT_AUTOMATED', prompt: 'x', durationSeconds: 126 }), /12–120 seconds in steps of 6; 126/],
      [() => reelModelInput('amazon.nova-reel-v1:1', { task: 'MULTI_SHOT_MANUAL', shots: [{ prompt: 'only one' }] }), /2–20 shots; this one has 1/],
      [() => reelModelInput('amazon.nova-reel-v1:1', { task: 'MULTI_SHOT_MANUAL', shots: [{ prompt: 'a' }, { prompt: '' }] }), /Shot 2: The prompt is empty/],
      [() => reelModelInput('amazon.nova-reel-v1:0', { task: 'TEXT_VIDEO', prompt: 'x', seed: -1 }), /seed must be a whole number from 0 to 2147483646/],
      [() => reelModelInput('amazon.nova-reel-v1:0', { task: 'TEXT_VIDEO', prompt: 'x', image: { format: 'png', bytes: pngHeader(640, 480) } }), /640×480; Nova Reel's first frame must be 1280×720/],
    ];
    for (const [run, message] of cases) assert.throws(run, (e: unknown) => e instanceof ReelInputError && message.test(e.message));
    assert.match(imageProblem(new Uint8Array([1, 2, 3])) ?? '', /neither a PNG nor a JPEG/);
  });
});
