// The Model Details page following the Models tree's selection: a single move shows at once, a
// held arrow key shows its first and last rows only, group rows change nothing, a click wins over a
// waiting move, and a render overtaken by a newer one never writes.
import assert from 'node:assert/strict';
import { DetailsFollower, type DetailsRender } from '../../../../src/core/explorer/detailsFollower';
import type { Scheduler } from '../../../../src/core/bedrock/async/jobTracker';

/** A timer the test steps by hand: `elapse(ms)` runs what falls due, in order. */
class HandScheduler implements Scheduler {
  private now = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; cb: () => void }>();
  set(cb: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, cb });
    return id;
  }
  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  elapse(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].cb();
    }
    this.now = end;
  }
}

const QUIET_MS = 100;

function setup(render?: DetailsRender<string>) {
  const scheduler = new HandScheduler();
  const shown: string[] = [];
  const errors: unknown[] = [];
  const follower = new DetailsFollower<string>({
    render: render ?? ((item) => void shown.push(item)),
    keyOf: (item) => item,
    quietMs: QUIET_MS,
    scheduler,
    onError: (e) => errors.push(e),
  });
  return { scheduler, shown, errors, follower };
}

describe('details follower', () => {
  it('shows a single move at once, without waiting for the quiet time', () => {
    const { follower, shown, scheduler } = setup();
    follower.follow('a');
    assert.deepEqual(shown, ['a']);
    scheduler.elapse(QUIET_MS);
    assert.deepEqual(shown, ['a'], 'no second render of the same row');
    follower.follow('b');
    assert.deepEqual(shown, ['a', 'b'], 'the next move after a pause is instant too');
  });

  it('a held arrow key (20 moves, 30 ms apart) renders the first and the last row only', () => {
    const { follower, shown, scheduler } = setup();
    for (let i = 0; i < 20; i++) {
      follower.follow(`row${i}`);
      scheduler.elapse(30);
    }
    assert.deepEqual(shown, ['row0'], 'nothing while the key is held');
    scheduler.elapse(QUIET_MS);
    assert.deepEqual(shown, ['row0', 'row19']);
    assert.equal(scheduler.pending, 0);
  });

  it('a burst that comes back to the row on show renders nothing more', () => {
    const { follower, shown, scheduler } = setup();
    follower.follow('a');
    follower.follow('b');
    follower.follow('a');
    scheduler.elapse(QUIET_MS);
    assert.deepEqual(shown, ['a']);
  });

  it('a group row (undefined) keeps the page and drops the row a burst left waiting', () => {
    const { follower, shown, scheduler } = setup();
    follower.follow('a');
    follower.follow('b');
    follower.follow(undefined);
    scheduler.elapse(QUIET_MS);
    assert.deepEqual(shown, ['a']);
    follower.follow(undefined);
    scheduler.elapse(QUIET_MS);
    assert.deepEqual(shown, ['a'], 'a group after a pause shows nothing either');
  });

  it('a click shows at once and a row a burst left waiting does not overwrite it', async () => {
    const { follower, shown, scheduler } = setup();
    follower.follow('a');
    follower.follow('b');
    assert.equal(await follower.showNow('clicked'), true);
    scheduler.elapse(QUIET_MS);
    assert.deepEqual(shown, ['a', 'clicked']);
  });

  it('a click (which selects its row, then runs the row’s command) renders once', async () => {
    const { follower, shown } = setup();
    follower.follow('a');
    assert.equal(await follower.showNow('a'), true);
    assert.deepEqual(shown, ['a']);
  });

  it('a click on the row on show renders it again (it also reopens a closed view); the selection event after it does not', async () => {
    const { follower, shown, scheduler } = setup();
    await follower.showNow('a');
    await follower.showNow('a');
    follower.follow('a');
    scheduler.elapse(QUIET_MS);
    assert.deepEqual(shown, ['a', 'a']);
  });

  it('a slow render overtaken by a newer one learns it is stale and its page is not written', async () => {
    const written: string[] = [];
    const gates = new Map<string, () => void>();
    const { follower } = setup(async (item, isCurrent) => {
      await new Promise<void>((resolve) => gates.set(item, resolve));
      if (isCurrent()) written.push(item);
    });
    const slow = follower.showNow('old');
    const fast = follower.showNow('new');
    gates.get('new')!();
    assert.equal(await fast, true);
    gates.get('old')!();
    assert.equal(await slow, false, 'the older render knows it was superseded');
    assert.deepEqual(written, ['new']);
  });

  it('a burst item whose render is in flight is superseded by a later click', async () => {
    const written: string[] = [];
    const gates: (() => void)[] = [];
    const { follower, scheduler } = setup(async (item, isCurrent) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      if (isCurrent()) written.push(item);
    });
    follower.follow('a');
    follower.follow('b');
    scheduler.elapse(QUIET_MS); // b starts rendering
    const click = follower.showNow('c');
    for (const open of gates.reverse()) open();
    await click;
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(written, ['c']);
  });

  it('a render that throws on a move is reported, and the next move still shows', async () => {
    const shown: string[] = [];
    const { follower, errors, scheduler } = setup((item) => {
      if (item === 'bad') throw new Error('no plans for bad');
      shown.push(item);
    });
    follower.follow('bad');
    await new Promise((r) => setImmediate(r));
    assert.match(String(errors[0]), /no plans for bad/);
    scheduler.elapse(QUIET_MS);
    follower.follow('good');
    assert.deepEqual(shown, ['good']);
  });

  it('after dispose nothing renders and no timer is left', async () => {
    const { follower, shown, scheduler } = setup();
    follower.follow('a');
    follower.follow('b');
    follower.dispose();
    assert.equal(scheduler.pending, 0);
    scheduler.elapse(QUIET_MS);
    assert.equal(await follower.showNow('c'), false);
    assert.deepEqual(shown, ['a']);
  });
});
