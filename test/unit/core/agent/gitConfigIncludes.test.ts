// Git config includes, followed when finding the global excludes file, against a fixture HOME on
// disk: `[include] path` (relative to the including file, `~/` expanded, nested, missing files no
// error, cycles and depth bounded) and `[includeIf "gitdir:…"]` / `gitdir/i:` for the repository's
// git folder, with git's pattern rules. Where git is installed, each answer is checked against
// `git config --path --get core.excludesFile` run in the fixture (an argument list, no shell).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_INCLUDE_DEPTH, configEntries } from '../../../../src/core/agent/gitConfig';
import { globalExcludesPath } from '../../../../src/core/agent/gitGlobalExcludes';
import { writeFixtureFile } from '../../../fixtures/writeFixtureFile';

const gitInstalled = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('git config: includes followed for core.excludesFile (fixture HOME)', () => {
  let root: string;
  let home: string;
  let repo: string;
  const put = writeFixtureFile;
  /** What git itself says, run in the repository with only the fixture's config files; undefined when it sets none. */
  const gitSays = (): string | undefined => {
    try {
      return execFileSync('git', ['config', '--path', '--get', 'core.excludesFile'], {
        cwd: repo,
        env: { PATH: process.env.PATH ?? '', HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).replace(/\n$/, '');
    } catch {
      return undefined;
    }
  };
  const defaultPath = () => join(home, '.config', 'git', 'ignore');
  /** Our answer, checked against git's where git is installed, then against `expected`. */
  const expectExcludes = async (expected: string) => {
    const ours = await globalExcludesPath({ home, repoRoot: repo });
    if (gitInstalled) assert.equal(ours, gitSays() ?? defaultPath(), 'the same file git reads');
    assert.equal(ours, expected);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'git-includes-'));
    home = join(root, 'home');
    repo = join(home, 'work', 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    if (gitInstalled) execFileSync('git', ['init', '-q', repo], { env: { PATH: process.env.PATH ?? '', HOME: home, GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'ignore' });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('[include] path relative to the including file, in ~/.gitconfig and in the XDG config', async () => {
    put(join(home, '.gitconfig'), '[include]\n\tpath = conf/extra.inc\n');
    put(join(home, 'conf', 'extra.inc'), '[core]\n\texcludesFile = ~/from-include\n');
    await expectExcludes(join(home, 'from-include'));
    rmSync(join(home, '.gitconfig'));
    put(join(home, '.config', 'git', 'config'), '[include]\n\tpath = xdg.inc\n');
    put(join(home, '.config', 'git', 'xdg.inc'), '[core]\n\texcludesFile = ~/from-xdg-include\n');
    await expectExcludes(join(home, 'from-xdg-include'));
  });

  it('an include counts where it stands: a later value overrides it, it overrides an earlier one', async () => {
    put(join(home, 'inc'), '[core]\n\texcludesFile = ~/included\n');
    put(join(home, '.gitconfig'), '[core]\n\texcludesFile = ~/before\n[include]\n\tpath = ~/inc\n');
    await expectExcludes(join(home, 'included'));
    put(join(home, '.gitconfig'), '[include]\n\tpath = ~/inc\n[core]\n\texcludesFile = ~/after\n');
    await expectExcludes(join(home, 'after'));
  });

  it('nested includes are followed; a missing include is no error', async () => {
    put(join(home, '.gitconfig'), '[core]\n\texcludesFile = ~/top\n[include]\n\tpath = ~/nowhere.inc\n\tpath = a/one.inc\n');
    put(join(home, 'a', 'one.inc'), '[include]\n\tpath = b/two.inc\n');
    put(join(home, 'a', 'b', 'two.inc'), '[core]\n\texcludesFile = ~/nested\n');
    await expectExcludes(join(home, 'nested'));
  });

  it('a cycle of includes ends, and what it set still counts (git itself refuses such a config)', async () => {
    put(join(home, '.gitconfig'), '[include]\n\tpath = ~/a.inc\n');
    put(join(home, 'a.inc'), '[core]\n\texcludesFile = ~/from-cycle\n[include]\n\tpath = ~/b.inc\n');
    put(join(home, 'b.inc'), '[include]\n\tpath = ~/a.inc\n');
    assert.equal(await globalExcludesPath({ home, repoRoot: repo }), join(home, 'from-cycle'));
  });

  it(`includes nest at most ${MAX_INCLUDE_DEPTH} deep`, async () => {
    put(join(home, '.gitconfig'), '[include]\n\tpath = ~/d1.inc\n');
    for (let d = 1; d <= MAX_INCLUDE_DEPTH + 2; d++) put(join(home, `d${d}.inc`), `[core]\n\texcludesFile = ~/depth-${d}\n[include]\n\tpath = ~/d${d + 1}.inc\n`);
    assert.equal(await globalExcludesPath({ home, repoRoot: repo }), join(home, `depth-${MAX_INCLUDE_DEPTH}`));
  });

  const conditional = (condition: string, name: string) => `[includeIf "${condition}"]\n\tpath = ~/${name}.inc\n`;
  const matchCases: Array<[string, boolean]> = [
    ['gitdir:~/work/', true],
    ['gitdir:~/work/repo/.git', true],
    ['gitdir:~/work/repo/', true],
    ['gitdir:work/', true],
    ['gitdir:repo/.git', true],
    ['gitdir:~/work/r?po/', true],
    ['gitdir:~/w*/repo/', true],
    ['gitdir:~/*/.git', false],
    ['gitdir:~/*/', true],
    ['gitdir:~/**/repo/', true],
    ['gitdir:./work/', true],
    ['gitdir:~/other/', false],
    ['gitdir:~/WORK/', false],
    ['gitdir/i:~/WORK/', true],
    ['gitdir:~/work', false],
    ['onbranch:no-such-branch', false],
  ];
  for (const [condition, matches] of matchCases) {
    it(`includeIf "${condition}" ${matches ? 'applies' : 'does not apply'} to ~/work/repo`, async () => {
      put(join(home, 'cond.inc'), '[core]\n\texcludesFile = ~/conditional\n');
      put(join(home, '.gitconfig'), `[core]\n\texcludesFile = ~/plain\n${conditional(condition, 'cond')}`);
      await expectExcludes(join(home, matches ? 'conditional' : 'plain'));
    });
  }

  it('includeIf in the repository config, its include relative to the git folder', async () => {
    put(join(repo, '.git', 'repo.inc'), '[core]\n\texcludesFile = ~/from-repo-include\n');
    const config = join(repo, '.git', 'config');
    const existing = gitInstalled ? (await import('node:fs')).readFileSync(config, 'utf8') : '';
    put(config, `${existing}[includeIf "gitdir:~/work/repo/"]\n\tpath = repo.inc\n`);
    await expectExcludes(join(home, 'from-repo-include'));
  });

  it('a linked worktree: its git folder is where its .git file points, its config the main repository\'s', async function () {
    if (!gitInstalled) this.skip();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { PATH: process.env.PATH ?? '', HOME: home, GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'ignore' });
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'first');
    git('worktree', 'add', '-q', join(home, 'work', 'tree'));
    put(join(home, 'tree.inc'), '[core]\n\texcludesFile = ~/from-worktree-condition\n');
    put(join(home, '.gitconfig'), `[core]\n\texcludesFile = ~/plain\n${conditional('gitdir:~/work/repo/.git/worktrees/', 'tree')}`);
    repo = join(home, 'work', 'tree');
    await expectExcludes(join(home, 'from-worktree-condition'));
    // The shared config (the main repository's) is read for a worktree too.
    put(join(home, 'work', 'repo', '.git', 'config'), '[core]\n\texcludesFile = ~/from-shared-config\n');
    await expectExcludes(join(home, 'from-shared-config'));
  });

  it('reads section, subsection, key and value of each entry', () => {
    assert.deepEqual(configEntries('[includeIf "gitdir:~/a \\"b\\"/"]\n\tPath = x\n[Include]\npath\n[core.sub]\nk = v\n'), [
      { section: 'includeif', subsection: 'gitdir:~/a "b"/', key: 'path', value: 'x' },
      { section: 'include', key: 'path' },
      { section: 'core', subsection: 'sub', key: 'k', value: 'v' },
    ]);
  });
});
