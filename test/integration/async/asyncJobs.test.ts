// Async jobs end to end: the router's executor starts Nova Reel jobs on the emulator with the real
// runtime client, the emulator's jobs advance with each GetAsyncInvoke and write their MP4 to a
// real S3 server through the S3 API, and the extension's S3 reader (the real S3 client) reads it.
import assert from 'node:assert/strict';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import { S3Objects } from '../../../src/core/bedrock/async/s3Objects';
import { REEL_VIDEO_FILE, ReelInputError, reelModelInput } from '../../../src/core/bedrock/async/novaReel';
import { jobOutputFolder } from '../../../src/core/bedrock/async/s3Uri';
import { OUTPUT_URI, requestsOf, startAsyncRig, type AsyncRig } from './asyncHarness';

const REEL = 'amazon.nova-reel-v1:0';
const REEL_MULTI = 'amazon.nova-reel-v1:1';

describe('async jobs: Nova Reel through StartAsyncInvoke, outputs in S3', () => {
  let rig: AsyncRig;
  beforeEach(async () => (rig = await startAsyncRig()));
  afterEach(async () => rig.close());

  it('goes submitted → InProgress → Completed and leaves a playable MP4 that the S3 client reads', async () => {
    const input = reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'A lighthouse at dawn, waves rolling in', seed: 7 });
    const started = await rig.router.async.start({ modelId: REEL, modelInput: input, s3OutputUri: OUTPUT_URI });
    assert.match(started.invocationArn, /^arn:aws:bedrock:us-east-1:\d{12}:async-invoke\/\w+$/);
    const [start] = requestsOf(rig.emu, 'StartAsyncInvoke');
    assert.deepEqual((start!.body as { modelInput: unknown }).modelInput, {
      taskType: 'TEXT_VIDEO',
      textToVideoParams: { text: 'A lighthouse at dawn, waves rolling in' },
      videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 7 },
    });
    assert.equal((start!.body as { modelId: string }).modelId, REEL);

    const first = await rig.router.async.get(started.invocationArn);
    assert.equal(first.status, 'InProgress');
    assert.equal(first.modelId, REEL);
    assert.ok(first.submitTime instanceof Date);
    const done = await rig.router.async.get(started.invocationArn);
    assert.equal(done.status, 'Completed');
    assert.ok(done.endTime);
    assert.equal(done.outputFolder, jobOutputFolder(OUTPUT_URI, started.invocationArn));

    const s3 = new S3Objects(rig.connection);
    const listed = await s3.list(done.outputFolder!);
    assert.deepEqual(listed.map((u) => u.slice(done.outputFolder!.length)).sort(), ['manifest.json', 'output.mp4']);
    const mp4 = Buffer.from(await s3.get(`${done.outputFolder}${REEL_VIDEO_FILE}`));
    assert.equal(mp4.subarray(4, 8).toString('latin1'), 'ftyp');
    assert.ok(mp4.includes('avcC') && mp4.includes('mdat'), 'an H.264 track and its media data');
    const manifest = JSON.parse(await s3.getText(`${done.outputFolder}manifest.json`));
    assert.ok(manifest.outputs.includes(`${done.outputFolder}output.mp4`));
  });

  it('multi-shot on v1:1 writes one video with a key frame per 6-second shot; v1:0 is refused before sending', async () => {
    assert.throws(() => reelModelInput(REEL, { task: 'MULTI_SHOT_AUTOMATED', prompt: 'x', durationSeconds: 12 }), ReelInputError);
    assert.throws(() => reelModelInput(REEL_MULTI, { task: 'MULTI_SHOT_AUTOMATED', prompt: 'x', durationSeconds: 13 }), /steps of 6/);
    const input = reelModelInput(REEL_MULTI, { task: 'MULTI_SHOT_MANUAL', shots: [{ prompt: 'A red kite' }, { prompt: 'A blue kite' }, { prompt: 'A green kite' }] });
    const { invocationArn } = await rig.router.async.start({ modelId: REEL_MULTI, modelInput: input, s3OutputUri: OUTPUT_URI });
    await rig.router.async.get(invocationArn);
    const done = await rig.router.async.get(invocationArn);
    assert.equal(done.status, 'Completed');
    const s3 = new S3Objects(rig.connection);
    const names = (await s3.list(done.outputFolder!)).map((u) => u.slice(done.outputFolder!.length)).sort();
    assert.deepEqual(names, ['manifest.json', 'output.mp4', 'shot_0001.mp4', 'shot_0002.mp4', 'shot_0003.mp4', 'video-generation-status.json']);
    const mp4 = Buffer.from(await s3.get(`${done.outputFolder}output.mp4`));
    const stss = mp4.indexOf('stss');
    assert.equal(mp4.readUInt32BE(stss + 8), 3, 'three sync samples: one key frame per shot');
  });

  it('a job the service fails reports Failed with its message, and no output', async () => {
    rig.emu.failAsyncJobs({ message: 'The generated video was blocked by our content filters.' });
    const input = reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'Anything' });
    const { invocationArn } = await rig.router.async.start({ modelId: REEL, modelInput: input, s3OutputUri: OUTPUT_URI });
    assert.equal((await rig.router.async.get(invocationArn)).status, 'InProgress');
    const failed = await rig.router.async.get(invocationArn);
    assert.equal(failed.status, 'Failed');
    assert.equal(failed.failureMessage, 'The generated video was blocked by our content filters.');
    assert.deepEqual(await new S3Objects(rig.connection).list(failed.outputFolder!), []);
  });

  it('content filters: a blocked prompt is refused at start with the service wording; a blocked video fails the job', async () => {
    await assert.rejects(
      rig.router.async.start({ modelId: REEL, modelInput: reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'Something [filter:input]' }), s3OutputUri: OUTPUT_URI }),
      (e: unknown) => e instanceof BedrockError && e.classified.kind === 'validation' && /blocked by our content filters\. Please adjust your text prompt/.test(`${e.classified.message} ${e.classified.detail ?? ''}`),
    );
    const { invocationArn } = await rig.router.async.start({ modelId: REEL, modelInput: reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'Something [filter:output]' }), s3OutputUri: OUTPUT_URI });
    await rig.router.async.get(invocationArn);
    const failed = await rig.router.async.get(invocationArn);
    assert.deepEqual([failed.status, failed.failureMessage], ['Failed', 'The generated video has been blocked by our content filters.']);
  });

  it('an output bucket that does not exist fails the job with what S3 said', async () => {
    const input = reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'Anything' });
    const { invocationArn } = await rig.router.async.start({ modelId: REEL, modelInput: input, s3OutputUri: 's3://no-such-bucket/out' });
    await rig.router.async.get(invocationArn);
    const failed = await rig.router.async.get(invocationArn);
    assert.equal(failed.status, 'Failed');
    assert.match(failed.failureMessage ?? '', /NoSuchBucket/);
  });

  it('a malformed output URI or a model without async invocation is refused with a message naming it', async () => {
    await assert.rejects(rig.router.async.start({ modelId: REEL, modelInput: {}, s3OutputUri: 's3://Bad_Bucket/x' }), (e: unknown) => e instanceof BedrockError && /Bad_Bucket.*bucket name/.test(e.message));
    await assert.rejects(rig.router.async.start({ modelId: 'amazon.nova-lite-v1:0', modelInput: {}, s3OutputUri: OUTPUT_URI }), /does not take asynchronous invocations/);
    assert.equal(requestsOf(rig.emu, 'StartAsyncInvoke').length, 0, 'nothing was sent');
    // The service's own check of the model input: a TEXT_VIDEO without its text.
    await assert.rejects(
      rig.router.async.start({ modelId: REEL, modelInput: { taskType: 'TEXT_VIDEO', textToVideoParams: {} }, s3OutputUri: OUTPUT_URI }),
      (e: unknown) => e instanceof BedrockError && e.classified.kind === 'validation' && /textToVideoParams\/text/.test(e.classified.detail ?? e.message),
    );
  });

  it('lists every job in the region page by page, including jobs started outside the editor, with status filters', async () => {
    const input = reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'Listed' });
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) arns.push((await rig.router.async.start({ modelId: REEL, modelInput: input, s3OutputUri: OUTPUT_URI })).invocationArn);
    // Two finish (two polls each); three stay in progress.
    for (const arn of arns.slice(0, 2)) for (let p = 0; p < 2; p++) await rig.router.async.get(arn);
    rig.emu.clearRequests();
    const page = await rig.router.async.list({ maxResults: 2 });
    assert.equal(page.jobs.length, 2);
    assert.ok(page.nextToken);
    rig.emu.clearRequests();
    const all = await (async () => {
      const jobs = [];
      let nextToken: string | undefined;
      do {
        const p = await rig.router.async.list({ maxResults: 2, nextToken });
        jobs.push(...p.jobs);
        nextToken = p.nextToken;
      } while (nextToken);
      return jobs;
    })();
    assert.deepEqual(all.map((j) => j.invocationArn).sort(), [...arns].sort());
    assert.equal(requestsOf(rig.emu, 'ListAsyncInvokes').length, 3, 'three pages of at most two');
    assert.deepEqual(requestsOf(rig.emu, 'ListAsyncInvokes').map((r) => r.query.maxResults), ['2', '2', '2']);
    const { jobs } = await rig.router.async.listAll();
    assert.equal(jobs.length, 5);
    assert.equal((await rig.router.async.list({ statusEquals: 'Completed' })).jobs.length, 2);
    assert.equal((await rig.router.async.list({ statusEquals: 'InProgress' })).jobs.length, 3);
    assert.equal(requestsOf(rig.emu, 'GetAsyncInvoke').length, 0, 'listing never advances a job');
  });
});
