import assert from 'node:assert/strict';
import { arrayOf, num, object, oneOf, optional, readStored, recordOf, str, warnOnce } from '../../../src/core/schema';

interface Item {
  id: string;
  size?: number;
}
const item = object<Item>({ id: str({ min: 1, max: 10 }), size: optional(num({ min: 0 })) });

describe('schema: field validators', () => {
  it('a bad required field rejects the object, a bad optional one is left out, unknown fields stay behind', () => {
    const warnings: string[] = [];
    const list = arrayOf(item);
    assert.deepEqual(readStored(list, [{ size: 1 }, { id: 'a', size: -1, extra: true }], 'the list', (m) => warnings.push(m)), [{ id: 'a' }]);
    assert.deepEqual(warnings, ['Kept what was readable of the list: [0].id: missing; [1].size: -1 is below 0.']);
  });

  it('lists and maps keep their good entries and name each bad one by its path', () => {
    const warnings: string[] = [];
    const map = recordOf(arrayOf(item), { key: oneOf(['a', 'b']) });
    const raw = JSON.parse('{"a":[null,{"id":"a"},{"id":""}],"c":[],"__proto__":[{"id":"p"}]}');
    const read = readStored(map, raw, 'the map', (m) => warnings.push(m));
    assert.deepEqual(read, { a: [{ id: 'a' }] });
    assert.equal(Object.getPrototypeOf(read), Object.prototype);
    assert.equal(
      warnings[0],
      'Kept what was readable of the map: a[0]: expected an object, got null; a[2].id: empty; c: a value is not one of a, b and 1 more.',
    );
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
