import assert from 'node:assert/strict';
import { GitignoreMatcher } from '../../../../src/core/agent/gitignore';

describe('gitignore matcher', () => {
  const m = new GitignoreMatcher()
    .add('', ['# comment', 'node_modules/', '*.log', '!keep.log', '/build', 'docs/**/*.tmp', 'secret?.txt', 'out[0-9].js', '', 'dist/'].join('\n'))
    .add('pkg', 'generated/\n/local.txt\n');

  const cases: Array<[string, boolean]> = [
    ['node_modules/x/index.js', true],
    ['src/node_modules/y.js', true],
    ['app.log', true],
    ['logs/deep/app.log', true],
    ['keep.log', false],
    ['build/out.js', true],
    ['src/build/out.js', false],
    ['docs/a/b/c.tmp', true],
    ['docs/c.tmp', true],
    ['other/c.tmp', false],
    ['secret1.txt', true],
    ['secret12.txt', false],
    ['out7.js', true],
    ['outx.js', false],
    ['pkg/generated/a.ts', true],
    ['generated/a.ts', false],
    ['pkg/local.txt', true],
    ['pkg/sub/local.txt', false],
    ['src/index.ts', false],
    // a file named like a folder-only rule is not ignored
    ['dist', false],
    ['dist/a.js', true],
  ];
  for (const [path, ignored] of cases) {
    it(`${path} is ${ignored ? '' : 'not '}ignored`, () => assert.equal(m.ignores(path), ignored));
  }

  it('a file in an ignored folder cannot be re-included', () => {
    const n = new GitignoreMatcher().add('', 'vendor/\n!vendor/keep.js\n');
    assert.equal(n.ignores('vendor/keep.js'), true);
  });
});
