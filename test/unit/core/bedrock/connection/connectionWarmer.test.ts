import * as assert from 'node:assert/strict';
import { ConnectionWarmer } from '../../../../../src/core/bedrock/connection/connectionWarmer';

function rig(opts: { focused?: boolean; warmResult?: boolean } = {}) {
  const warmed: string[] = [];
  let t = 1_000;
  let focused = opts.focused ?? true;
  const warmer = new ConnectionWarmer({
    warm: async (m) => (warmed.push(m), opts.warmResult ?? true),
    focused: () => focused,
    idleMs: 60_000,
    now: () => t,
  });
  return { warmer, warmed, advance: (ms: number) => (t += ms), setFocused: (f: boolean) => (focused = f) };
}

describe('ConnectionWarmer', () => {
  it('warms once per idle period per model', async () => {
    const r = rig();
    assert.equal(await r.warmer.request('m', 'viewVisible'), true);
    assert.equal(await r.warmer.request('m', 'typing'), false);
    r.advance(59_999);
    assert.equal(await r.warmer.request('m', 'typing'), false);
    r.advance(1);
    assert.equal(await r.warmer.request('m', 'typing'), true);
    assert.equal(await r.warmer.request('other', 'modelPicker'), true);
    assert.deepEqual(r.warmed, ['m', 'm', 'other']);
  });

  it('never warms while the window is in the background or with no model chosen', async () => {
    const r = rig({ focused: false });
    assert.equal(await r.warmer.request('m', 'viewVisible'), false);
    r.setFocused(true);
    assert.equal(await r.warmer.request(undefined, 'viewVisible'), false);
    assert.deepEqual(r.warmed, []);
  });

  it('counts a real request as keeping the connection warm', async () => {
    const r = rig();
    r.warmer.noteUsed('m');
    r.advance(30_000);
    assert.equal(await r.warmer.request('m', 'typing'), false);
    assert.deepEqual(r.warmed, []);
  });

  it('tries again soon after a warm-up that did nothing, and after settings change', async () => {
    const r = rig({ warmResult: false });
    assert.equal(await r.warmer.request('m', 'typing'), false);
    assert.equal(await r.warmer.request('m', 'typing'), false);
    assert.deepEqual(r.warmed, ['m', 'm']);
    const ok = rig();
    await ok.warmer.request('m', 'typing');
    ok.warmer.reset();
    assert.equal(await ok.warmer.request('m', 'typing'), true);
  });
});
