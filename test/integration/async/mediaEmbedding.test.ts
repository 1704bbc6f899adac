// Media embeddings through StartAsyncInvoke: a file uploaded to S3 with the extension's S3 client,
// a Nova Multimodal Embeddings segmented job and a Marengo job over it, and the document the editor
// opens, read back from what the jobs wrote to S3.
import assert from 'node:assert/strict';
import { S3Objects } from '../../../src/core/bedrock/async/s3Objects';
import { mediaEmbeddingInput, mediaFileOf } from '../../../src/core/bedrock/async/mediaEmbedding';
import { readMediaEmbedding } from '../../../src/core/bedrock/async/jobResults';
import { tinyMp4 } from '../../emulator/media/tinyMp4';
import { BUCKET, OUTPUT_URI, requestsOf, startAsyncRig, type AsyncRig } from './asyncHarness';

describe('async jobs: segmented media embeddings', () => {
  let rig: AsyncRig;
  before(async () => (rig = await startAsyncRig()));
  after(async () => rig.close());

  async function finished(invocationArn: string) {
    await rig.router.async.get(invocationArn);
    const job = await rig.router.async.get(invocationArn);
    assert.equal(job.status, 'Completed', job.failureMessage);
    return job;
  }

  it('Nova Multimodal Embeddings: one vector per 5-second segment of a 12-second video', async () => {
    const s3 = new S3Objects(rig.connection);
    const source = `s3://${BUCKET}/inputs/clip.mp4`;
    await s3.put(source, tinyMp4([{ hue: 1, seconds: 6 }, { hue: 2, seconds: 6 }]).bytes, 'video/mp4');
    const file = mediaFileOf(source)!;
    assert.deepEqual(file, { s3Uri: source, kind: 'video', format: 'mp4' });
    const modelId = 'amazon.nova-2-multimodal-embeddings-v1:0';
    const { invocationArn } = await rig.router.async.start({ modelId, modelInput: mediaEmbeddingInput(modelId, file, { dimension: 256 }), s3OutputUri: OUTPUT_URI });
    const start = requestsOf(rig.emu, 'StartAsyncInvoke').at(-1)!;
    assert.deepEqual((start.body as { modelInput: unknown }).modelInput, {
      schemaVersion: 'nova-multimodal-embed-v1',
      taskType: 'SEGMENTED_EMBEDDING',
      segmentedEmbeddingParams: { embeddingPurpose: 'GENERIC_INDEX', embeddingDimension: 256, video: { format: 'mp4', source: { s3Location: { uri: source } }, embeddingMode: 'AUDIO_VIDEO_COMBINED', segmentationConfig: { durationSeconds: 5 } } },
    });
    const job = await finished(invocationArn);
    const { document, segments } = await readMediaEmbedding(job, s3, undefined);
    assert.equal(segments, 3, '0–5, 5–10, 10–12 s');
    const doc = JSON.parse(document);
    assert.equal(doc.source, source);
    assert.equal(doc.dimension, 256);
    assert.deepEqual(doc.embeddingTypes, ['AUDIO_VIDEO_COMBINED']);
    assert.deepEqual(doc.segments.map((s: { startSeconds: number; endSeconds: number }) => [s.startSeconds, s.endSeconds]), [[0, 5], [5, 10], [10, 12]]);
    assert.ok(doc.segments.every((s: { l2Norm: number; vector: number[] }) => Math.abs(s.l2Norm - 1) < 1e-3 && s.vector.length === 256));
    assert.match(document, /"vector": \[[^\n]+\]/, 'each vector on one line');
  });

  it('Marengo 3.0: the nested body, and the output JSON the job wrote read back', async () => {
    const s3 = new S3Objects(rig.connection);
    const source = `s3://${BUCKET}/inputs/talk.wav`;
    // A WAV header saying 16 kHz mono 16-bit, and 7 seconds of silence.
    const wav = Buffer.alloc(44 + 16000 * 2 * 7);
    wav.write('RIFF', 0, 'latin1');
    wav.writeUInt32LE(wav.length - 8, 4);
    wav.write('WAVEfmt ', 8, 'latin1');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(16000, 24);
    wav.writeUInt32LE(32000, 28);
    wav.writeUInt16LE(2, 32);
    wav.writeUInt16LE(16, 34);
    wav.write('data', 36, 'latin1');
    wav.writeUInt32LE(wav.length - 44, 40);
    await s3.put(source, wav, 'audio/wav');
    const modelId = 'twelvelabs.marengo-embed-3-0-v1:0';
    const { invocationArn } = await rig.router.async.start({ modelId, modelInput: mediaEmbeddingInput(modelId, mediaFileOf(source)!), s3OutputUri: OUTPUT_URI });
    assert.deepEqual((requestsOf(rig.emu, 'StartAsyncInvoke').at(-1)!.body as { modelInput: unknown }).modelInput, {
      inputType: 'audio',
      audio: { mediaSource: { s3Location: { uri: source } }, segmentation: { method: 'fixed', fixed: { durationSec: 6 } } },
    });
    const job = await finished(invocationArn);
    const doc = JSON.parse((await readMediaEmbedding(job, s3, source)).document);
    assert.equal(doc.dimension, 512);
    assert.deepEqual(doc.embeddingTypes, ['visual', 'audio']);
    assert.equal(doc.segmentCount, 4, 'two 6-second segments of 7 seconds, for each option');
  });

  it('a source file missing from S3 fails the job with what S3 said', async () => {
    const modelId = 'amazon.nova-2-multimodal-embeddings-v1:0';
    const { invocationArn } = await rig.router.async.start({ modelId, modelInput: mediaEmbeddingInput(modelId, mediaFileOf(`s3://${BUCKET}/inputs/missing.mp3`)!), s3OutputUri: OUTPUT_URI });
    await rig.router.async.get(invocationArn);
    const job = await rig.router.async.get(invocationArn);
    assert.equal(job.status, 'Failed');
    assert.match(job.failureMessage ?? '', /NoSuchKey.*missing\.mp3/);
    await assert.rejects(readMediaEmbedding(job, new S3Objects(rig.connection), undefined), /is Failed.*no result to open/);
  });
});
