import assert from 'node:assert/strict';
import { GitignoreMatcher, globMatcher, literalPrefix } from '../../../../src/core/agent/gitignore';

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

describe('glob matcher (the include of search_text)', () => {
  it('matches whole paths with *, **, ? and {a,b}', () => {
    const m = globMatcher('src/**/*.{ts,tsx}')!;
    assert.equal(m('src/a.ts'), true);
    assert.equal(m('src/deep/er/b.tsx'), true);
    assert.equal(m('src/a.js'), false);
    assert.equal(m('lib/src/a.ts'), false);
    assert.equal(globMatcher('**/*.md')!('docs/x/readme.md'), true);
    assert.equal(globMatcher('**/*.md')!('readme.md'), true);
    assert.equal(globMatcher('file?.txt')!('file1.txt'), true);
    assert.equal(globMatcher('file?.txt')!('dir/file1.txt'), false);
    assert.equal(literalPrefix('src/lib/**/*.ts'), 'src/lib');
    assert.equal(literalPrefix('**/*.ts'), '');
    assert.equal(literalPrefix('./agent-fixture/**'), 'agent-fixture');
    assert.equal(literalPrefix('a/{b,c}/d.ts'), 'a');
  });
});
