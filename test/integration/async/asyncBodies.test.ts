// Every async model input the extension builds, as the emulator received it in StartAsyncInvoke:
// Nova Reel's three tasks (a first frame, a seed, per-shot images on manual multi-shot) and
// TwelveLabs Marengo 2.7's flat body. Each job is also run to its end, so the input is one the
// emulator (checking like the service) accepts.
import assert from 'node:assert/strict';
import { reelModelInput, type ReelRequest } from '../../../src/core/bedrock/async/novaReel';
import { mediaEmbeddingInput, mediaFileOf } from '../../../src/core/bedrock/async/mediaEmbedding';
import { S3Objects } from '../../../src/core/bedrock/async/s3Objects';
import { generatedPicture } from '../../emulator/png';
import { tinyMp4 } from '../../emulator/media/tinyMp4';
import { BUCKET, OUTPUT_URI, requestsOf, startAsyncRig, type AsyncRig } from './asyncHarness';

const REEL_MULTI = 'amazon.nova-reel-v1:1';
const FRAME = new Uint8Array(generatedPicture('first frame', 1280, 720));
const FRAME_B64 = Buffer.from(FRAME).toString('base64');

describe('async jobs: each model input as sent (emulator log)', () => {
  let rig: AsyncRig;
  before(async () => (rig = await startAsyncRig()));
  after(async () => rig.close());

  async function startAndFinish(modelId: string, modelInput: Record<string, unknown>): Promise<unknown> {
    const { invocationArn } = await rig.router.async.start({ modelId, modelInput, s3OutputUri: OUTPUT_URI });
    const sent = (requestsOf(rig.emu, 'StartAsyncInvoke').at(-1)!.body as { modelInput: unknown }).modelInput;
    await rig.router.async.get(invocationArn);
    const job = await rig.router.async.get(invocationArn);
    assert.equal(job.status, 'Completed', job.failureMessage);
    return sent;
  }

  const reelCases: Array<[string, ReelRequest, Record<string, unknown>]> = [
    [
      'text to video from a first frame, with a seed',
      { task: 'TEXT_VIDEO', prompt: 'A harbour at dawn', image: { format: 'png', bytes: FRAME }, seed: 12 },
      { taskType: 'TEXT_VIDEO', textToVideoParams: { text: 'A harbour at dawn', images: [{ format: 'png', source: { bytes: FRAME_B64 } }] }, videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 12 } },
    ],
    [
      'multi-shot automated, 18 seconds, with a seed',
      { task: 'MULTI_SHOT_AUTOMATED', prompt: 'A day at the harbour, from dawn to night', durationSeconds: 18, seed: 7 },
      { taskType: 'MULTI_SHOT_AUTOMATED', multiShotAutomatedParams: { text: 'A day at the harbour, from dawn to night' }, videoGenerationConfig: { durationSeconds: 18, fps: 24, dimension: '1280x720', seed: 7 } },
    ],
    [
      'multi-shot manual, an image on the second shot',
      { task: 'MULTI_SHOT_MANUAL', shots: [{ prompt: 'Boats at anchor' }, { prompt: 'A boat leaves', image: { format: 'png', bytes: FRAME } }] },
      { taskType: 'MULTI_SHOT_MANUAL', multiShotManualParams: { shots: [{ text: 'Boats at anchor' }, { text: 'A boat leaves', image: { format: 'png', source: { bytes: FRAME_B64 } } }] }, videoGenerationConfig: { fps: 24, dimension: '1280x720' } },
    ],
  ];
  for (const [name, request, expected] of reelCases) {
    it(`Nova Reel ${name}`, async () => {
      assert.deepEqual(await startAndFinish(REEL_MULTI, reelModelInput(REEL_MULTI, request)), expected);
    });
  }

  it('TwelveLabs Marengo 2.7: the flat body with a fixed segment length', async () => {
    const source = `s3://${BUCKET}/inputs/clip27.mp4`;
    await new S3Objects(rig.connection).put(source, tinyMp4([{ hue: 5, seconds: 6 }]).bytes, 'video/mp4');
    const modelId = 'twelvelabs.marengo-embed-2-7-v1:0';
    const sent = await startAndFinish(modelId, mediaEmbeddingInput(modelId, mediaFileOf(source)!, { segmentSeconds: 3 }));
    assert.deepEqual(sent, { inputType: 'video', mediaSource: { s3Location: { uri: source } }, useFixedLengthSec: 3 });
  });
});
