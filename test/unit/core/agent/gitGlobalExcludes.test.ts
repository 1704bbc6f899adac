// Git's global excludes file against a fixture HOME on disk: where the path comes from (the two
// user config files, the repository's config, the XDG and ~/.config defaults), how config values
// are read, `~` expanded, missing or unreadable files being no rules, and the global patterns
// losing to .git/info/exclude and to every .gitignore, as in git.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreExcludesFile, gitExcludesEnvironment, globalExcludesPath, readGlobalExcludes } from '../../../../src/core/agent/gitGlobalExcludes';
import { gitMatcher } from '../../../../src/core/agent/gitignore';
import { writeFixtureFile } from '../../../fixtures/writeFixtureFile';

describe('git global excludes: reading core.excludesFile from a config file', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['a plain value', '[core]\n\texcludesFile = ~/.gitignore_global\n', '~/.gitignore_global'],
    ['section and key in any case', '[CORE]\n  ExcludesFile=/etc/ignore\n', '/etc/ignore'],
    ['a quoted value with spaces and escapes', '[core]\nexcludesfile = "/my dir/ig\\"nore" ; a comment\n', '/my dir/ig"nore'],
    ['a trailing comment cut', '[core]\nexcludesfile = /a/ignore # the global one\n', '/a/ignore'],
    ['a key on the header line', '[core] excludesFile = /same/line\n', '/same/line'],
    ['a value continued on the next line', '[core]\nexcludesFile = /long/\\\npath\n', '/long/path'],
    ['the last of several wins', '[core]\nexcludesFile = /first\n[user]\nname = x\n[core]\nexcludesFile = /second\n', '/second'],
    ['an empty value (git: no file)', '[core]\nexcludesFile =\n', ''],
    ['another section holds it', '[user]\nexcludesFile = /not/core\n', undefined],
    ['a subsection holds it', '[core "x"]\nexcludesFile = /sub\n[core.y]\nexcludesFile = /sub2\n', undefined],
    ['a bare key (a boolean, no path)', '[core]\nexcludesFile\n', undefined],
    ['a commented-out line', '[core]\n# excludesFile = /off\n;excludesFile = /off\n', undefined],
    ['an unknown escape makes the value unusable', '[core]\nexcludesFile = "/a\\qb"\n', undefined],
    ['an unclosed quote makes the value unusable', '[core]\nexcludesFile = "/a\n', undefined],
    ['CRLF line ends', '[core]\r\nexcludesFile = /crlf\r\n', '/crlf'],
    ['not a config file at all', '\u0000\u0001 binary {{{', undefined],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.equal(coreExcludesFile(text), expected));
  }
});

describe('git global excludes: finding the file in a fixture HOME', () => {
  let root: string;
  let home: string;
  let repo: string;
  const put = writeFixtureFile;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'git-excludes-'));
    home = join(root, 'home');
    repo = join(root, 'repo');
    mkdirSync(home, { recursive: true });
    mkdirSync(repo, { recursive: true });
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('with no config: ~/.config/git/ignore, or $XDG_CONFIG_HOME/git/ignore when that is set', async () => {
    assert.equal(await globalExcludesPath({ home }), join(home, '.config', 'git', 'ignore'));
    assert.equal(await globalExcludesPath({ home, xdgConfigHome: join(root, 'xdg') }), join(root, 'xdg', 'git', 'ignore'));
    put(join(root, 'xdg', 'git', 'ignore'), '*.swp\n');
    assert.deepEqual(await readGlobalExcludes({ home, xdgConfigHome: join(root, 'xdg') }), { path: join(root, 'xdg', 'git', 'ignore'), text: '*.swp\n' });
  });

  it('an empty XDG_CONFIG_HOME counts as unset, as git treats it', () => {
    const env = gitExcludesEnvironment({ HOME: home, XDG_CONFIG_HOME: '' });
    assert.deepEqual(env, { home, xdgConfigHome: undefined, repoRoot: undefined });
  });

  it('~/.gitconfig wins over the XDG config, and the repository config over both; ~ is the home folder', async () => {
    put(join(home, '.config', 'git', 'config'), '[core]\n\texcludesFile = ~/from-xdg\n');
    assert.equal(await globalExcludesPath({ home }), join(home, 'from-xdg'));
    put(join(home, '.gitconfig'), '[core]\n\texcludesFile = ~/from-gitconfig\n');
    assert.equal(await globalExcludesPath({ home }), join(home, 'from-gitconfig'));
    put(join(repo, '.git', 'config'), '[core]\n\texcludesFile = local-ignore\n');
    assert.equal(await globalExcludesPath({ home, repoRoot: repo }), join(repo, 'local-ignore'), 'a relative path is taken from the repository root');
  });

  it('a config that sets it empty means no global file at all (not the default)', async () => {
    put(join(home, '.config', 'git', 'ignore'), '*.log\n');
    put(join(home, '.gitconfig'), '[core]\n\texcludesFile =\n');
    assert.equal(await readGlobalExcludes({ home }), undefined);
  });

  it('~user/… (another user) and a relative path without a repository give no file', async () => {
    put(join(home, '.gitconfig'), '[core]\n\texcludesFile = ~someone/ignore\n');
    assert.equal(await globalExcludesPath({ home }), undefined);
    put(join(home, '.gitconfig'), '[core]\n\texcludesFile = relative/ignore\n');
    assert.equal(await globalExcludesPath({ home }), undefined);
  });

  it('a missing or unreadable excludes file is no rules and no error', async () => {
    put(join(home, '.gitconfig'), '[core]\n\texcludesFile = ~/nowhere\n');
    assert.equal(await readGlobalExcludes({ home }), undefined);
    // A folder where the file should be cannot be read as one.
    mkdirSync(join(home, 'a-folder'));
    put(join(home, '.gitconfig'), '[core]\n\texcludesFile = ~/a-folder\n');
    assert.equal(await readGlobalExcludes({ home }), undefined);
  });

  it('an unreadable config file is skipped: the one before it still counts', async () => {
    put(join(home, '.config', 'git', 'config'), '[core]\n\texcludesFile = ~/from-xdg\n');
    // A folder named .gitconfig: there, but not readable as a file (a file's mode would not stop root).
    mkdirSync(join(home, '.gitconfig'));
    assert.equal(await globalExcludesPath({ home }), join(home, 'from-xdg'));
  });
});

describe('git global excludes: precedence against the repository and .gitignore files', () => {
  const matcher = gitMatcher({
    globalExcludes: '*.log\n.idea/\n*.bak\nscratch/\n',
    infoExclude: '!keep.bak\n',
    // Given deepest first on purpose: the order is the matcher's job.
    gitignores: [
      { folder: 'pkg/sub', text: '*.log\n' },
      { folder: 'pkg', text: '!keep.log\n!debug.log\n' },
      { folder: '', text: '!root.log\n' },
    ],
  });
  const cases: Array<[string, boolean, string]> = [
    ['app.log', true, 'the global file ignores it'],
    ['.idea/workspace.xml', true, 'a folder the global file ignores'],
    ['root.log', false, "the root .gitignore's ! overrides the global file"],
    ['pkg/keep.log', false, "a nested .gitignore's ! overrides the global file"],
    ['pkg/other.log', true, 'the nested negation is for that name only'],
    ['pkg/sub/debug.log', true, 'a deeper .gitignore wins over its parent'],
    ['keep.bak', false, '.git/info/exclude overrides the global file'],
    ['other.bak', true, 'the global file still applies to the rest'],
    ['scratch/root.log', true, 'a folder the global file ignores cannot have a file re-included'],
    ['src/index.ts', false, 'nothing ignores it'],
  ];
  for (const [path, ignored, why] of cases) {
    it(`${path}: ${why}`, () => assert.equal(matcher.ignores(path), ignored));
  }

  it('with no global file nothing is ignored by it', () => {
    assert.equal(gitMatcher({ gitignores: [] }).ignores('app.log'), false);
  });
});
