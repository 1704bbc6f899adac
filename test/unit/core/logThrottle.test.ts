import * as assert from 'node:assert/strict';
import { LogThrottle } from '../../../src/core/logThrottle';

describe('log throttle', () => {
  /** A clock the test moves by hand: no waiting, no wall time. */
  function manualClock() {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  }

  it('writes one line per kind per minute and counts what it held back', () => {
    const clock = manualClock();
    const throttle = new LogThrottle({ clock: clock.now });
    const lines = Array.from({ length: 1000 }, () => throttle.line('malformed chat/send', 'ignored a message')).filter(Boolean);
    assert.deepEqual(lines, ['ignored a message']);
    assert.equal(throttle.line('malformed link/open', 'other kind'), 'other kind', 'another kind has its own budget');
    clock.advance(59_999);
    assert.equal(throttle.line('malformed chat/send', 'ignored a message'), undefined);
    clock.advance(1);
    assert.equal(throttle.line('malformed chat/send', 'ignored a message'), 'ignored a message (1000 more like it not logged since the last line)');
    clock.advance(60_000);
    assert.equal(throttle.line('malformed chat/send', 'ignored a message'), 'ignored a message', 'the count starts again');
  });

  it('remembers a bounded number of kinds, so invented kinds cannot grow it without end', () => {
    const clock = manualClock();
    const throttle = new LogThrottle({ clock: clock.now, maxKinds: 3 });
    for (const k of ['a', 'b', 'c', 'd']) assert.ok(throttle.line(k, k));
    assert.equal(throttle.line('a', 'a'), 'a', 'the oldest kind was forgotten');
    assert.equal(throttle.line('d', 'd'), undefined, 'a recent kind is still held back');
  });
});
