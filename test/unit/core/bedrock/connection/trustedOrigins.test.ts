// A corrupt store of trusted endpoints: only exact origins stay trusted, an unreadable store
// trusts nothing (the user is asked again), and the problem is said once.
import assert from 'node:assert/strict';
import { readTrustedOrigins, storedTrustedOrigins } from '../../../../../src/core/bedrock/connection/trustedOrigins';

const GOOD = 'https://bedrock.example.internal:8443';
const CASES: { name: string; stored: unknown; kept: string[] }[] = [
  { name: 'null', stored: null, kept: [] },
  { name: 'a string', stored: GOOD, kept: [] },
  { name: 'origins: null', stored: { v: 1, origins: null }, kept: [] },
  { name: 'null and numbers among origins', stored: { v: 1, origins: [null, 5, GOOD] }, kept: [GOOD] },
  { name: 'a URL with a path (not an origin)', stored: { v: 1, origins: [`${GOOD}/x`, GOOD] }, kept: [GOOD] },
  { name: 'a 100,000-character origin', stored: { v: 1, origins: [`https://${'a'.repeat(100_000)}.com`, GOOD] }, kept: [GOOD] },
  { name: 'unversioned (older) list with a bad entry', stored: [GOOD, 'javascript:alert(1)'], kept: [GOOD] },
  { name: 'a future version', stored: { v: 2, origins: [GOOD] }, kept: [] },
  { name: '__proto__ key', stored: JSON.parse(`{"v":1,"__proto__":{"origins":["https://evil.example"]},"origins":["${GOOD}"]}`), kept: [GOOD] },
];

describe('stored state: trusted endpoints', () => {
  for (const c of CASES) {
    it(`${c.name}: trusts only exact good origins, warns once`, () => {
      const warnings: string[] = [];
      assert.deepEqual(readTrustedOrigins(c.stored, (m) => warnings.push(m)), c.kept);
      assert.equal(warnings.length, 1, `one warning, got: ${JSON.stringify(warnings)}`);
    });
  }

  it('reads back what it stores, silently', () => {
    const warnings: string[] = [];
    assert.deepEqual(readTrustedOrigins(JSON.parse(JSON.stringify(storedTrustedOrigins([GOOD]))), (m) => warnings.push(m)), [GOOD]);
    assert.deepEqual(readTrustedOrigins(undefined, (m) => warnings.push(m)), []);
    assert.deepEqual(warnings, []);
  });
});
