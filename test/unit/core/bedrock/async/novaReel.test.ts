import assert from 'node:assert/strict';
import { ReelInputError, imageProblem, reelModelInput, reelTasks, seedTextProblem } from '../../../../../src/core/bedrock/async/novaReel';
import { jpegOfSize } from '../adapters/mediaSamples';

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

  it('manual multi-shot: each shot may start from its own image, checked with the shot named', () => {
    const frame = jpegOfSize(1280, 720);
    const input = reelModelInput('amazon.nova-reel-v1:1', { task: 'MULTI_SHOT_MANUAL', shots: [{ prompt: 'One', image: { format: 'jpeg', bytes: frame } }, { prompt: 'Two' }], seed: 99 });
    assert.deepEqual(input, {
      taskType: 'MULTI_SHOT_MANUAL',
      multiShotManualParams: { shots: [{ text: 'One', image: { format: 'jpeg', source: { bytes: Buffer.from(frame).toString('base64') } } }, { text: 'Two' }] },
      videoGenerationConfig: { fps: 24, dimension: '1280x720', seed: 99 },
    });
    const wrong = () => reelModelInput('amazon.nova-reel-v1:1', { task: 'MULTI_SHOT_MANUAL', shots: [{ prompt: 'One' }, { prompt: 'Two', image: { format: 'jpeg', bytes: jpegOfSize(1920, 1080) } }] });
    assert.throws(wrong, (e: unknown) => e instanceof ReelInputError && e.message === "Shot 2: The image is 1920×1080; Nova Reel's shot images must be 1280×720.");
    assert.match(imageProblem(jpegOfSize(800, 600)) ?? '', /800×600; Nova Reel's first frame must be 1280×720/);
    assert.equal(imageProblem(jpegOfSize(1280, 720)), undefined);
    assert.match(imageProblem(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])) ?? '', /size cannot be read/);
  });

  it('a typed seed: empty leaves it to the model; otherwise a whole number in range', () => {
    assert.equal(seedTextProblem(''), undefined);
    assert.equal(seedTextProblem(' 0 '), undefined);
    assert.equal(seedTextProblem('2147483646'), undefined);
    for (const bad of ['2147483647', '-1', '1.5', 'abc', '1e3']) assert.match(seedTextProblem(bad) ?? '', /whole number from 0 to 2147483646; ".*" is not\. Leave it empty/, bad);
  });
});
