import * as assert from 'node:assert/strict';
import { Disposable, DisposableStore, MutableDisposable, toDisposable } from '../../../src/core/lifecycle';

class Service extends Disposable {
  register(fn: () => void) {
    return this._register(toDisposable(fn));
  }
}

describe('lifecycle', () => {
  it('disposes registered children once, in reverse order', () => {
    const order: string[] = [];
    const s = new Service();
    s.register(() => order.push('a'));
    s.register(() => order.push('b'));
    s.dispose();
    s.dispose();
    assert.deepEqual(order, ['b', 'a']);
  });

  it('disposes a child registered after the parent died, instead of leaking it', () => {
    const s = new Service();
    s.dispose();
    let disposed = false;
    s.register(() => (disposed = true));
    assert.equal(disposed, true);
  });

  it('keeps disposing the rest when one child throws, then rethrows', () => {
    const store = new DisposableStore();
    let other = false;
    store.add(toDisposable(() => (other = true)));
    store.add(toDisposable(() => {
      throw new Error('boom');
    }));
    assert.throws(() => store.dispose(), /boom/);
    assert.equal(other, true);
  });

  it('MutableDisposable disposes the previous value when replaced and on dispose', () => {
    const log: string[] = [];
    const m = new MutableDisposable();
    m.value = toDisposable(() => log.push('first'));
    m.value = toDisposable(() => log.push('second'));
    assert.deepEqual(log, ['first']);
    m.dispose();
    assert.deepEqual(log, ['first', 'second']);
    m.value = toDisposable(() => log.push('late'));
    assert.deepEqual(log, ['first', 'second', 'late']);
  });
});
