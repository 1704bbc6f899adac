import assert from 'node:assert/strict';
import { arrayOf, num, object, oneOf, optional, readStored, recordOf, str, warnOnce } from '../../../src/core/schema';

interface Item {
  id: string;
  size?: number;
}
const item = object<Item>({ id: str({ min: 1, max: 10 }), size: optional(num({ min: 0 })) });

describe('schema: field validators', () => {
  it('a bad required field rejects the object, a bad optional one is left out, unknown fields stay behind', () => {
    const issues: string[] = [];
    assert.equal(item({ size: 1 }, 'x', issues), undefined);
    assert.deepEqual(item({ id: 'a', size: -1, extra: true }, 'y', issues), { id: 'a' });
    assert.deepEqual(issues, ['x.id: missing', 'y.size: -1 is below 0']);
  });

  it('lists and maps keep their good entries and name each bad one', () => {
    const issues: string[] = [];
    assert.deepEqual(arrayOf(item)([null, { id: 'a' }, { id: '' }], 'list', issues), [{ id: 'a' }]);
    const map = recordOf(item, { key: oneOf(['a', 'b']) })(JSON.parse('{"a":{"id":"a"},"c":{"id":"c"},"__proto__":{"id":"p"}}'), 'map', issues);
    assert.deepEqual(map, { a: { id: 'a' } });
    assert.equal(Object.getPrototypeOf(map), Object.prototype);
    assert.equal(issues.length, 4);
    assert.match(issues.join('\n'), /map\.__proto__: not a usable key/);
  });

  it('never echoes stored text and never throws, even on a hostile value', () => {
    const warnings: string[] = [];
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    assert.equal(readStored(item, hostile, 'the thing', (m) => warnings.push(m)), undefined);
    assert.equal(readStored(item, { id: 'secret-value-that-is-too-long' }, 'the thing', (m) => warnings.push(m)), undefined);
    assert.equal(warnings.length, 2);
    assert.doesNotMatch(warnings.join('\n'), /secret-value/);
  });

  it('warnOnce says each distinct message once', () => {
    const said: string[] = [];
    const warn = warnOnce((m) => said.push(m));
    warn('a');
    warn('a');
    warn('b');
    assert.deepEqual(said, ['a', 'b']);
  });
});
