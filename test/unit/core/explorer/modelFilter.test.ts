// A corrupt saved explorer filter: the explorer starts with every readable part of it (or no
// filter), says once what it dropped, and saves the current, versioned shape.
import assert from 'node:assert/strict';
import { readModelFilter, storedModelFilter, type ModelFilter } from '../../../../src/core/explorer/modelFilter';

const CASES: { name: string; stored: unknown; kept: ModelFilter }[] = [
  { name: 'null', stored: null, kept: {} },
  { name: 'a string', stored: 'embedding', kept: {} },
  { name: 'an array', stored: [{ text: 'x' }], kept: {} },
  { name: 'text is a number', stored: { v: 1, text: 5, hideLegacy: true }, kept: { hideLegacy: true } },
  { name: 'an unknown output kind', stored: { v: 1, produces: 'music', api: 'converse' }, kept: { api: 'converse' } },
  { name: 'an unknown API', stored: { v: 1, api: 'teleport', text: 'claude' }, kept: { text: 'claude' } },
  { name: 'hideLegacy: "yes"', stored: { v: 1, hideLegacy: 'yes', produces: 'text' }, kept: { produces: 'text' } },
  { name: 'a 1 MB search text', stored: { v: 1, text: 'x'.repeat(1_000_000), hideLegacy: true }, kept: { hideLegacy: true } },
  { name: 'unversioned (older) with a bad field', stored: { text: 'nova', produces: 7 }, kept: { text: 'nova' } },
  { name: '__proto__ key', stored: JSON.parse('{"v":1,"__proto__":{"hideLegacy":true},"text":"llama"}'), kept: { text: 'llama' } },
  { name: 'a future version', stored: { v: 2, text: 'x' }, kept: {} },
];

describe('stored state: explorer filter', () => {
  for (const c of CASES) {
    it(`${c.name}: keeps what is readable, warns once`, () => {
      const warnings: string[] = [];
      const filter = readModelFilter(c.stored, (m) => warnings.push(m));
      assert.deepEqual(filter, c.kept);
      assert.equal(Object.getPrototypeOf(filter), Object.prototype);
      assert.equal(warnings.length, 1, `one warning, got: ${JSON.stringify(warnings)}`);
    });
  }

  it('stores a version, reads back what it stored, and stores nothing for no filter', () => {
    const f: ModelFilter = { text: 'claude', produces: 'text', api: 'converse-stream', hideLegacy: true };
    const stored = JSON.parse(JSON.stringify(storedModelFilter(f)));
    assert.equal(stored.v, 1);
    const warnings: string[] = [];
    assert.deepEqual(readModelFilter(stored, (m) => warnings.push(m)), f);
    assert.deepEqual(readModelFilter(undefined, (m) => warnings.push(m)), {});
    assert.deepEqual(warnings, []);
    assert.equal(storedModelFilter({ text: '  ' }), undefined);
  });
});
