// Git's global excludes file, found the way git finds it: `core.excludesFile` from the user's git
// config ($XDG_CONFIG_HOME/git/config, then ~/.gitconfig, then the repository's .git/config; the
// last one read wins), else $XDG_CONFIG_HOME/git/ignore, else ~/.config/git/ignore. Its patterns
// are relative to the repository root, like .git/info/exclude, and lose to both that file and
// every .gitignore. A missing or unreadable file is simply no rules. The config files are read
// directly rather than through the git binary, which may not be installed. `[include]` and
// `[includeIf]` sections are not followed.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

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

/** Reads a text file; undefined when it is missing, unreadable or too large. */
export type ReadTextFile = (path: string) => Promise<string | undefined>;

/** The path of the global excludes file git would read (it may not exist). */
export async function globalExcludesPath(env: GitExcludesEnvironment, read: ReadTextFile = readSmallTextFile): Promise<string | undefined> {
  const xdg = env.xdgConfigHome || undefined;
  const configs = [join(xdg ?? join(env.home, '.config'), 'git', 'config'), join(env.home, '.gitconfig')];
  if (env.repoRoot) configs.push(join(env.repoRoot, '.git', 'config'));
  let configured: string | undefined;
  for (const path of configs) {
    const text = await read(path);
    const value = text === undefined ? undefined : coreExcludesFile(text);
    if (value !== undefined) configured = value;
  }
  if (configured !== undefined) return configured ? expandPath(configured, env) : undefined;
  return join(xdg ?? join(env.home, '.config'), 'git', 'ignore');
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
 * escapes, trailing `#`/`;` comments and `\` line continuations, as git writes and reads them.
 */
export function coreExcludesFile(text: string): string | undefined {
  let section = '';
  let found: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    const header = /^\[\s*([^\]"\s]+)(\s+"(?:[^"\\]|\\.)*")?\s*\](.*)$/.exec(line);
    if (header) {
      // `[core.sub]` and `[core "sub"]` are subsections, which hold no core.excludesFile.
      const name = header[1]!.toLowerCase();
      section = header[2] || name.includes('.') ? `${name}.sub` : name;
      line = header[3]!.trim();
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/.exec(line);
    if (!entry || section !== 'core' || entry[1]!.toLowerCase() !== 'excludesfile') continue;
    // A key with no `=` is a boolean true, which is no path: git refuses it, so it is ignored here.
    if (entry[2] === undefined) continue;
    let raw = entry[2];
    while (endsWithContinuation(raw) && i + 1 < lines.length) raw = raw.slice(0, -1) + lines[++i]!;
    const value = parseValue(raw);
    if (value !== undefined) found = value;
  }
  return found;
}

/** A trailing backslash outside quotes and comments continues the value on the next line. */
function endsWithContinuation(raw: string): boolean {
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      if (i === raw.length - 1) return true;
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || c === ';')) return false;
  }
  return false;
}

/** A config value: quotes removed, escapes applied, an unquoted comment cut, outer spaces trimmed. */
function parseValue(raw: string): string | undefined {
  let out = '';
  let quoted = false;
  // Spaces are kept inside quotes and between words, but not at the ends of an unquoted run.
  let pendingSpace = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (!quoted && (c === '#' || c === ';')) break;
    if (!quoted && /\s/.test(c)) {
      if (out) pendingSpace += c;
      continue;
    }
    out += pendingSpace;
    pendingSpace = '';
    if (c === '"') quoted = !quoted;
    else if (c === '\\') {
      const next = raw[++i];
      const escaped = next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next === '"' || next === '\\' ? next : undefined;
      // git refuses an unknown escape: the whole value is then unusable.
      if (escaped === undefined) return undefined;
      out += escaped;
    } else out += c;
  }
  return quoted ? undefined : out;
}

async function readSmallTextFile(path: string): Promise<string | undefined> {
  try {
    const bytes = await readFile(path);
    return bytes.byteLength > MAX_FILE_BYTES ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}
