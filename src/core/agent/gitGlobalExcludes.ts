// Git's global excludes file, found the way git finds it: `core.excludesFile` from the user's git
// config ($XDG_CONFIG_HOME/git/config, then ~/.gitconfig, then the repository's .git/config; the
// last one read wins), else $XDG_CONFIG_HOME/git/ignore, else ~/.config/git/ignore. Its patterns
// are relative to the repository root, like .git/info/exclude, and lose to both that file and
// every .gitignore. A missing or unreadable file is simply no rules. The config files are read
// directly rather than through the git binary, which may not be installed; their `[include]` and
// `[includeIf "gitdir:…"]` sections are followed as git follows them (see gitConfig.ts).
import { readFile, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { configEntries, configWithIncludes, type ConfigEntry, type ConfigReadContext, type ReadTextFile } from './gitConfig';

/** Config and ignore files larger than this are not read (nobody writes one that big by hand). */
const MAX_FILE_BYTES = 1_000_000;

export interface GitExcludesEnvironment {
  /** The user's home folder (HOME). */
  readonly home: string;
  /** XDG_CONFIG_HOME when set and not empty. */
  readonly xdgConfigHome?: string;
  /** The repository root: its .git/config is read, and a relative excludes path is taken from here. */
  readonly repoRoot?: string;
}

/** Where git would look, from the process environment (HOME, XDG_CONFIG_HOME). */
export function gitExcludesEnvironment(processEnv: Readonly<Record<string, string | undefined>>, repoRoot?: string): GitExcludesEnvironment {
  return { home: processEnv.HOME || processEnv.USERPROFILE || homedir(), xdgConfigHome: processEnv.XDG_CONFIG_HOME || undefined, repoRoot };
}

export type { ReadTextFile } from './gitConfig';

/** The path of the global excludes file git would read (it may not exist). */
export async function globalExcludesPath(env: GitExcludesEnvironment, read: ReadTextFile = readSmallTextFile): Promise<string | undefined> {
  const xdg = env.xdgConfigHome || undefined;
  const configs = [join(xdg ?? join(env.home, '.config'), 'git', 'config'), join(env.home, '.gitconfig')];
  const gitDir = env.repoRoot ? await gitDirOf(env.repoRoot, read) : undefined;
  if (gitDir) configs.push(join(gitDir.common, 'config'));
  const ctx: ConfigReadContext = { home: env.home, gitDirs: gitDir ? await withRealPath(gitDir.dir) : [], read, realpath: (p) => realpath(p).catch(() => p) };
  let configured: string | undefined;
  for (const path of configs) {
    const value = lastExcludesFile(await configWithIncludes(path, ctx));
    if (value !== undefined) configured = value;
  }
  if (configured !== undefined) return configured ? expandPath(configured, env) : undefined;
  return join(xdg ?? join(env.home, '.config'), 'git', 'ignore');
}

/**
 * The repository's git folder: `.git`, or where a `.git` file points (a linked worktree, a
 * submodule), and the folder holding its shared config (`commondir` in a worktree's git folder).
 */
async function gitDirOf(repoRoot: string, read: ReadTextFile): Promise<{ dir: string; common: string }> {
  const dotGit = join(repoRoot, '.git');
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec((await read(dotGit)) ?? '')?.[1];
  const dir = pointer ? (isAbsolute(pointer) ? pointer : join(repoRoot, pointer)) : dotGit;
  const commondir = (await read(join(dir, 'commondir')))?.trim();
  return { dir, common: commondir ? (isAbsolute(commondir) ? commondir : join(dir, commondir)) : dir };
}

/** A path with links resolved, then as written: git matches `gitdir:` against both. */
async function withRealPath(path: string): Promise<string[]> {
  const real = await realpath(path).catch(() => undefined);
  return real && real !== path ? [real, path] : [path];
}

/** The global excludes file's text, or undefined when there is none to read. */
export async function readGlobalExcludes(env: GitExcludesEnvironment, read: ReadTextFile = readSmallTextFile): Promise<{ path: string; text: string } | undefined> {
  const path = await globalExcludesPath(env, read);
  if (!path) return undefined;
  const text = await read(path);
  return text === undefined ? undefined : { path, text };
}

/** `~` and `~/…` are the home folder; a relative path is taken from the repository root. */
function expandPath(value: string, env: GitExcludesEnvironment): string | undefined {
  if (value === '~') return env.home;
  if (value.startsWith('~/')) return join(env.home, value.slice(2));
  // `~user/…` names another user's home, which is not ours to look up.
  if (value.startsWith('~')) return undefined;
  if (value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value)) return value;
  return env.repoRoot ? join(env.repoRoot, value) : undefined;
}

/**
 * The last `core.excludesFile` value in a git config file's text ('' when set empty), or undefined
 * when it sets none. Section and key names are case-insensitive; values may be quoted, carry
 * escapes, trailing `#`/`;` comments and `\\` line continuations, as git writes and reads them.
 */
export function coreExcludesFile(text: string): string | undefined {
  return lastExcludesFile(configEntries(text));
}

function lastExcludesFile(entries: readonly ConfigEntry[]): string | undefined {
  let found: string | undefined;
  // A key with no value is a boolean true, which is no path: git refuses it, so it is ignored here.
  for (const e of entries) if (e.section === 'core' && e.subsection === undefined && e.key === 'excludesfile' && e.value !== undefined) found = e.value;
  return found;
}

async function readSmallTextFile(path: string): Promise<string | undefined> {
  try {
    const bytes = await readFile(path);
    return bytes.byteLength > MAX_FILE_BYTES ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}
