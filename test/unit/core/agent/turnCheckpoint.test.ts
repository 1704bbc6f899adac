// Checkpoints of agent turns: the earlier state of each file a turn changed (the first change
// wins), files the turn created, the size bounds, how many turns keep one, and what a restore
// does to a file changed since the turn. Through ChatTurns, a turn's tools get its checkpoint.
import * as assert from 'node:assert/strict';
import { MAX_SNAPSHOT_BYTES, MAX_TURN_SNAPSHOT_BYTES, TurnCheckpoint, TurnCheckpoints, planRestore, type FileNow } from '../../../../src/core/agent/turnCheckpoint';
import { MAX_CHECKPOINT_TURNS } from '../../../../src/shared/checkpointMessages';
import { AgentSession } from '../../../../src/core/agent/agentSession';
import type { AgentTool } from '../../../../src/core/agent/agentTool';
import { ChatTurns } from '../../../../src/core/chat/chatTurns';
import { scriptedModel } from './agentFixtures';

/** Files as they are "now", by key; a key not listed does not exist. */
const disk = (files: Record<string, string | undefined>) => (f: { key: string }): FileNow => (f.key in files ? { exists: true, text: files[f.key] } : { exists: false });

describe('agent: turn checkpoints', () => {
  it('keeps the state before the first change to a file; later changes only move the agent version', () => {
    const c = new TurnCheckpoint('r1', 'c1');
    assert.equal(c.before('a', 'a.ts', { exists: true, text: 'one' }), undefined);
    c.after('a', { exists: true, text: 'two' });
    // The second change of the turn found "two": the file still goes back to "one".
    c.before('a', 'a.ts', { exists: true, text: 'two' });
    c.after('a', { exists: true, text: 'three' });
    const [step, ...rest] = planRestore(c.changedFiles, disk({ a: 'three' }));
    assert.deepEqual(rest, []);
    assert.deepEqual(step, { key: 'a', path: 'a.ts', action: 'write', text: 'one', changedSince: false });
  });

  it('a change recorded but never applied is no change: nothing to restore, and the turn keeps no checkpoint', () => {
    const store = new TurnCheckpoints();
    const c = store.begin('r1', 'c1');
    c.before('a', 'a.ts', { exists: true, text: 'one' });
    assert.equal(c.changed, false);
    assert.deepEqual(c.changedFiles, []);
    store.finish(c);
    assert.equal(store.get('r1'), undefined);
    assert.match(store.missingReason('r1'), /^No checkpoint is kept for this turn: checkpoints last only while this window is open/);
  });

  it('a file the turn created is deleted when unchanged since; left alone when already gone', () => {
    const c = new TurnCheckpoint('r1', 'c1');
    c.before('new', 'new.ts', { exists: false });
    c.after('new', { exists: true, text: 'made by the agent' });
    assert.deepEqual(planRestore(c.changedFiles, disk({ new: 'made by the agent' })), [{ key: 'new', path: 'new.ts', action: 'delete', changedSince: false }]);
    assert.deepEqual(planRestore(c.changedFiles, disk({})), [{ key: 'new', path: 'new.ts', action: 'none', changedSince: true }]);
  });

  it('marks a file changed since the turn (edited, deleted, or no longer text), so it is restored only when confirmed', () => {
    const c = new TurnCheckpoint('r1', 'c1');
    c.before('a', 'a.ts', { exists: true, text: 'before' });
    c.after('a', { exists: true, text: 'agent' });
    c.before('n', 'n.ts', { exists: false });
    c.after('n', { exists: true, text: 'created' });
    const edited = planRestore(c.changedFiles, disk({ a: 'agent + user', n: 'created, then typed in' }));
    assert.deepEqual(edited.map((s) => [s.path, s.action, s.changedSince]), [['a.ts', 'write', true], ['n.ts', 'delete', true]]);
    // The user deleted the edited file: restoring writes it back, as a change since.
    assert.deepEqual(planRestore(c.changedFiles, disk({ n: 'created' })).map((s) => [s.path, s.action, s.changedSince]), [['a.ts', 'write', true], ['n.ts', 'delete', false]]);
    // Present but unreadable now: never taken for the agent's version.
    assert.equal(planRestore(c.changedFiles, disk({ a: undefined, n: 'created' }))[0].changedSince, true);
    // Already as before (the user undid it): nothing to write.
    assert.equal(planRestore(c.changedFiles, disk({ a: 'before', n: 'created' }))[0].action, 'none');
  });

  it('keeps no copy of a file over 1 MB, or past the turn\'s total, and says Restore cannot bring it back', () => {
    const c = new TurnCheckpoint('r1', 'c1');
    const big = 'x'.repeat(MAX_SNAPSHOT_BYTES + 1);
    assert.equal(c.before('big', 'big.txt', { exists: true, text: big }), 'No copy of big.txt as it was before was kept (it is larger than 1 MB, too large to keep a copy of): Restore cannot bring it back.');
    c.after('big', { exists: true, text: 'small now' });
    // Multi-byte text is measured in UTF-8 bytes, not characters.
    assert.match(c.before('wide', 'wide.txt', { exists: true, text: 'é'.repeat(MAX_SNAPSHOT_BYTES / 2 + 1) }) ?? '', /larger than 1 MB/);
    // Files just under the bound fill the turn's total; the next one is not kept, for that reason.
    const chunk = 'y'.repeat(MAX_SNAPSHOT_BYTES);
    for (let i = 0; i < MAX_TURN_SNAPSHOT_BYTES / MAX_SNAPSHOT_BYTES; i++) assert.equal(c.before(`f${i}`, `f${i}.txt`, { exists: true, text: chunk }), undefined);
    assert.match(c.before('over', 'over.txt', { exists: true, text: 'z' }) ?? '', /^No copy of over\.txt .*this turn already keeps 8 MB of earlier file contents\): Restore cannot bring it back\.$/);
    assert.match(c.before('bin', 'logo.png', { exists: true, unreadable: 'it is not UTF-8 text' }) ?? '', /it is not UTF-8 text/);
    // A second change to a file not kept says so again.
    assert.match(c.before('big', 'big.txt', { exists: true, text: 'small now' }) ?? '', /larger than 1 MB/);
    assert.deepEqual(planRestore(c.changedFiles, disk({ big: 'small now' })), [{ key: 'big', path: 'big.txt', action: 'skip', changedSince: false, why: 'it is larger than 1 MB, too large to keep a copy of' }]);
  });

  it(`keeps the newest ${MAX_CHECKPOINT_TURNS} turns that changed files; an older one says why it has none`, () => {
    const store = new TurnCheckpoints();
    const turns = Array.from({ length: MAX_CHECKPOINT_TURNS + 2 }, (_, i) => store.begin(`r${i}`, 'c1'));
    // A turn that changed nothing does not count against the bound.
    const quiet = store.begin('quiet', 'c1');
    for (const [i, c] of turns.entries()) {
      c.before('a', 'a.ts', { exists: true, text: `v${i}` });
      c.after('a', { exists: true, text: `v${i + 1}` });
      store.finish(c);
    }
    store.finish(quiet);
    assert.deepEqual(turns.map((c) => !!store.get(c.requestId)), [false, false, ...Array(MAX_CHECKPOINT_TURNS).fill(true)]);
    assert.equal(store.missingReason('r0'), `No checkpoint is kept for this turn any more: only the last ${MAX_CHECKPOINT_TURNS} agent turns that changed files keep one.`);
  });

  it('opening another chat drops the other chats\' finished checkpoints, saying why', () => {
    const store = new TurnCheckpoints();
    const mine = store.begin('r1', 'c1');
    const other = store.begin('r2', 'c2');
    for (const c of [mine, other]) {
      c.before('a', 'a.ts', { exists: true, text: 'x' });
      c.after('a', { exists: true, text: 'y' });
      store.finish(c);
    }
    store.keepOnly('c1');
    assert.equal(store.get('r1'), mine);
    assert.equal(store.get('r2'), undefined);
    assert.match(store.missingReason('r2'), /another chat was opened since/);
  });

  it('an agent turn hands its checkpoint to the tools, and finishes it when the turn ends', async () => {
    let seen: unknown;
    const tool: AgentTool = {
      name: 'write',
      title: 'Write',
      description: 'writes',
      kind: 'edit',
      source: 'builtin',
      inputSchema: { type: 'object', properties: {} },
      describe: () => 'write',
      async invoke(_input, context) {
        seen = context.checkpoint;
        context.checkpoint?.before('file:///w.ts', 'w.ts', { exists: true, text: 'old' });
        context.checkpoint?.after('file:///w.ts', { exists: true, text: 'new' });
        return { text: 'written' };
      },
    };
    const session = new AgentSession({ tools: () => [tool] }, { policy: () => 'allow', limits: () => ({ maxSteps: 3, maxResultBytes: 1000 }) });
    const turns = new ChatTurns({
      backend: scriptedModel([{ calls: [{ id: 't1', name: 'write', input: {} }] }, { text: 'done' }]),
      history: { get: () => undefined, save: async () => undefined },
      post: () => undefined,
      agent: session,
    });
    await turns.send({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'write', agent: true }, 'm', { id: 'm', label: 'M', tools: true });
    const checkpoint = session.checkpoints.get('r1');
    assert.ok(checkpoint, 'the turn that changed a file keeps its checkpoint');
    assert.equal(seen, checkpoint);
    assert.equal(checkpoint.finished, true);
    assert.deepEqual(checkpoint.changedFiles.map((f) => f.path), ['w.ts']);
  });
});
