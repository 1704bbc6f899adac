// Approvals settle once: the user's answer, or a denial when the turn stops first.
import * as assert from 'node:assert/strict';
import { PendingApprovals } from '../../../../src/core/agent/pendingApprovals';

describe('agent: pending approvals', () => {
  it('resolves the wait with the answer for that call only', async () => {
    const approvals = new PendingApprovals();
    const signal = new AbortController().signal;
    const first = approvals.wait('r1', 'a', signal);
    const second = approvals.wait('r1', 'b', signal);
    assert.equal(approvals.answer('r1', 'b', 'chat'), true);
    assert.equal(approvals.answer('r2', 'a', 'once'), false, 'another reply has no such call');
    assert.equal(approvals.answer('r1', 'a', 'once'), true);
    assert.deepEqual(await Promise.all([first, second]), ['once', 'chat']);
    assert.equal(approvals.size, 0);
  });

  it("carries the user's edit with an allow, and drops it with a denial", async () => {
    const approvals = new PendingApprovals();
    const signal = new AbortController().signal;
    const allowed = approvals.wait('r', 'a', signal);
    const denied = approvals.wait('r', 'b', signal);
    approvals.answer('r', 'a', 'chat', 'npm test');
    approvals.answer('r', 'b', 'deny', 'rm -rf /');
    assert.deepEqual(await allowed, { decision: 'chat', edited: 'npm test' });
    assert.equal(await denied, 'deny');
  });

  it('ignores a second answer to the same call', async () => {
    const approvals = new PendingApprovals();
    const wait = approvals.wait('r', 't', new AbortController().signal);
    assert.equal(approvals.answer('r', 't', 'deny'), true);
    assert.equal(approvals.answer('r', 't', 'once'), false);
    assert.equal(await wait, 'deny');
  });

  it('denies when the turn stops while waiting, and when it had already stopped', async () => {
    const approvals = new PendingApprovals();
    const stop = new AbortController();
    const wait = approvals.wait('r', 't', stop.signal);
    stop.abort();
    assert.equal(await wait, 'deny');
    assert.equal(approvals.answer('r', 't', 'once'), false, 'an answer after Stop runs nothing');
    assert.equal(await approvals.wait('r', 'u', stop.signal), 'deny');
    assert.equal(approvals.size, 0);
  });

  it('treats a repeated question for the same call as refusing the first', async () => {
    const approvals = new PendingApprovals();
    const signal = new AbortController().signal;
    const first = approvals.wait('r', 't', signal);
    const second = approvals.wait('r', 't', signal);
    assert.equal(await first, 'deny');
    approvals.answer('r', 't', 'once');
    assert.equal(await second, 'once');
  });
});
