// The Jobs view's tracker against the emulator: it polls GetAsyncInvoke only while a job is in
// progress, waits longer each time nothing finished, says once when a job it saw running finishes,
// and schedules nothing at all when idle. The timer is a hand-stepped scheduler (no sleeps); what
// was polled is read from the emulator's request log.
import assert from 'node:assert/strict';
import { reelModelInput } from '../../../src/core/bedrock/async/novaReel';
import { JobTracker, type Scheduler } from '../../../src/core/bedrock/async/jobTracker';
import type { AsyncJob } from '../../../src/core/bedrock/async/asyncJob';
import { OUTPUT_URI, requestsOf, startAsyncRig, type AsyncRig } from './asyncHarness';

class StepScheduler implements Scheduler {
  pending: Array<{ cb: () => void; ms: number; id: number }> = [];
  private next = 0;
  set(cb: () => void, ms: number): unknown {
    const id = ++this.next;
    this.pending.push({ cb, ms, id });
    return id;
  }
  clear(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }
  /** Fires the one pending timer; returns its delay. */
  fire(): number {
    assert.equal(this.pending.length, 1, 'exactly one poll is scheduled');
    const [p] = this.pending.splice(0, 1);
    p!.cb();
    return p!.ms;
  }
}

const REEL = 'amazon.nova-reel-v1:0';

describe('async jobs: polling with backoff only while something is in progress', () => {
  let rig: AsyncRig;
  afterEach(async () => rig.close());

  async function settle(tracker: JobTracker): Promise<void> {
    // The poll the timer started: pollNow joins it when it is still running.
    await (tracker as unknown as { polling?: Promise<void> }).polling;
  }

  it('polls a running job with growing delays, announces its end once, then schedules nothing', async () => {
    rig = await startAsyncRig({ asyncPollsUntilDone: 3 });
    const scheduler = new StepScheduler();
    const tracker = new JobTracker(rig.router.async, { scheduler, initialDelayMs: 1000, factor: 2, maxDelayMs: 3000 });
    const finished: AsyncJob[] = [];
    tracker.onDidFinish((j) => finished.push(j));

    await tracker.refresh();
    assert.equal(tracker.isPolling, false, 'no jobs: no timer');
    assert.equal(scheduler.pending.length, 0);

    const { invocationArn } = await rig.router.async.start({ modelId: REEL, modelInput: reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'Polled' }), s3OutputUri: OUTPUT_URI });
    await tracker.track(invocationArn); // GetAsyncInvoke #1: InProgress
    assert.equal(tracker.job(invocationArn)?.status, 'InProgress');
    const delays: number[] = [];
    delays.push(scheduler.fire()); // #2: InProgress
    await settle(tracker);
    delays.push(scheduler.fire()); // #3: InProgress
    await settle(tracker);
    delays.push(scheduler.fire()); // #4: Completed
    await settle(tracker);
    assert.deepEqual(delays, [1000, 2000, 3000], 'the delay doubles up to the cap');
    assert.equal(tracker.job(invocationArn)?.status, 'Completed');
    assert.deepEqual(finished.map((j) => [j.invocationArn, j.status]), [[invocationArn, 'Completed']]);
    assert.equal(tracker.isPolling, false, 'idle again: nothing scheduled');
    assert.equal(scheduler.pending.length, 0);
    assert.equal(requestsOf(rig.emu, 'GetAsyncInvoke').length, 4);

    // A refresh of a region where everything has finished lists once and schedules no poll.
    rig.emu.clearRequests();
    await tracker.refresh();
    assert.equal(tracker.isPolling, false);
    assert.deepEqual(rig.emu.requests.map((r) => r.route), ['ListAsyncInvokes']);
    assert.equal(finished.length, 1, 'a finished job is announced once');
    tracker.dispose();
  });

  it('finds jobs started outside the editor, polls only those in progress, and reports a failure', async () => {
    rig = await startAsyncRig({ asyncPollsUntilDone: 1 });
    const input = reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'Elsewhere' });
    // Started with the runtime client directly, as another tool would.
    const done = await rig.router.async.start({ modelId: REEL, modelInput: input, s3OutputUri: OUTPUT_URI });
    await rig.router.async.get(done.invocationArn);
    await rig.router.async.get(done.invocationArn); // Completed before the editor looks
    rig.emu.failAsyncJobs({ message: 'The input was blocked.' });
    const failing = await rig.router.async.start({ modelId: REEL, modelInput: input, s3OutputUri: OUTPUT_URI });
    rig.emu.clearRequests();

    const scheduler = new StepScheduler();
    const tracker = new JobTracker(rig.router.async, { scheduler, initialDelayMs: 500 });
    const finished: AsyncJob[] = [];
    tracker.onDidFinish((j) => finished.push(j));
    await tracker.refresh();
    assert.deepEqual(tracker.jobs.map((j) => j.status).sort(), ['Completed', 'InProgress']);
    assert.equal(scheduler.fire(), 500); // Get: InProgress (first poll)
    await settle(tracker);
    scheduler.fire(); // Get: Failed
    await settle(tracker);
    const gets = requestsOf(rig.emu, 'GetAsyncInvoke');
    assert.deepEqual(new Set(gets.map((r) => r.modelId ?? decodeURIComponent(r.path.split('/').pop()!))), new Set([failing.invocationArn]), 'only the running job is polled');
    assert.deepEqual(finished.map((j) => [j.status, j.failureMessage]), [['Failed', 'The input was blocked.']]);
    assert.equal(tracker.isPolling, false);
    tracker.dispose();
  });

  it('a failed poll keeps the jobs, says why, and keeps polling', async () => {
    rig = await startAsyncRig({ asyncPollsUntilDone: 5 });
    const scheduler = new StepScheduler();
    const tracker = new JobTracker(rig.router.async, { scheduler, initialDelayMs: 100 });
    const { invocationArn } = await rig.router.async.start({ modelId: REEL, modelInput: reelModelInput(REEL, { task: 'TEXT_VIDEO', prompt: 'x' }), s3OutputUri: OUTPUT_URI });
    await tracker.track(invocationArn);
    rig.emu.fault({ kind: 'internal', route: 'GetAsyncInvoke' });
    scheduler.fire();
    await settle(tracker);
    assert.equal(tracker.lastError?.kind, 'serviceError');
    assert.equal(tracker.job(invocationArn)?.status, 'InProgress', 'the job is kept');
    assert.equal(tracker.isPolling, true);
    tracker.dispose();
    assert.equal(scheduler.pending.length, 0, 'disposing stops the timer');
  });
});
