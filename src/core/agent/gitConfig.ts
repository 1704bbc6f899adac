// Git config files read as git reads them, for the few values the agent needs: each file's
// entries in order, with `[include] path = …` and `[includeIf "gitdir:…"] path = …` followed where
// they stand (so a value after an include overrides the included one, and one in it overrides what
// came before). An include path is relative to the including file's folder, `~/` is the home
// folder; a missing include is no error; includes nest at most MAX_INCLUDE_DEPTH deep and a file
// already on the chain is not read again. Of the includeIf conditions only `gitdir:` and
// `gitdir/i:` are evaluated (as git documents them: `~/` is home, `./` the including file's folder,
// a pattern not starting with `/` gets `**/` before it, one ending in `/` gets `**` after); the
// others (`onbranch:`, `hasconfig:`) depend on state not read here and are taken as not matching.
import { dirname, isAbsolute, join } from 'node:path';
import { wildmatchRegex } from './gitignore';

/** Git stops at this include depth too. */
export const MAX_INCLUDE_DEPTH = 10;

export interface ConfigEntry {
  /** Lower case. */
  readonly section: string;
  /** As written (case-sensitive); undefined for a section with none. */
  readonly subsection?: string;
  /** Lower case. */
  readonly key: string;
  /** The value; undefined for a bare key (a boolean) or a value git would refuse. */
  readonly value?: string;
}

/** Reads a text file; undefined when it is missing, unreadable or too large. */
export type ReadTextFile = (path: string) => Promise<string | undefined>;

export interface ConfigReadContext {
  readonly home: string;
  /** The repository's git folder, as written and with links resolved: what `gitdir:` conditions match. */
  readonly gitDirs: readonly string[];
  read: ReadTextFile;
  /** The file's path with links resolved (the folder a `./` condition means); the path itself when it cannot be. */
  realpath(path: string): Promise<string>;
}

/** The entries of one config file's text, in order, includes not followed. */
export function configEntries(text: string): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  let section = '';
  let subsection: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    const header = /^\[\s*([^\]"\s]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$/.exec(line);
    if (header) {
      const name = header[1]!.toLowerCase();
      // `[section.sub]` is the old spelling of a subsection (lower-cased, as git does).
      const dot = name.indexOf('.');
      section = header[2] === undefined && dot >= 0 ? name.slice(0, dot) : name;
      subsection = header[2] !== undefined ? header[2].replace(/\\(.)/g, '$1') : dot >= 0 ? name.slice(dot + 1) : undefined;
      line = header[3]!.trim();
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/.exec(line);
    if (!entry || !section) continue;
    let raw = entry[2];
    if (raw !== undefined) {
      while (endsWithContinuation(raw) && i + 1 < lines.length) raw = raw.slice(0, -1) + lines[++i]!;
    }
    const value = raw === undefined ? undefined : parseValue(raw);
    out.push({ section, ...(subsection !== undefined ? { subsection } : {}), key: entry[1]!.toLowerCase(), ...(value !== undefined ? { value } : {}) });
  }
  return out;
}

/** The entries of the config file at `path` with its includes followed; [] when it cannot be read. */
export async function configWithIncludes(path: string, ctx: ConfigReadContext, chain: readonly string[] = []): Promise<ConfigEntry[]> {
  if (chain.length > MAX_INCLUDE_DEPTH || chain.includes(path)) return [];
  const text = await ctx.read(path);
  if (text === undefined) return [];
  const out: ConfigEntry[] = [];
  for (const entry of configEntries(text)) {
    out.push(entry);
    if (entry.key !== 'path' || entry.value === undefined || !entry.value) continue;
    const included = entry.section === 'include' && entry.subsection === undefined;
    const conditional = entry.section === 'includeif' && entry.subsection !== undefined && (await conditionHolds(entry.subsection, path, ctx));
    if (!included && !conditional) continue;
    const target = includePath(entry.value, path, ctx.home);
    if (target) out.push(...(await configWithIncludes(target, ctx, [...chain, path])));
  }
  return out;
}

/** An include's file: `~/` is home, a relative path is taken from the including file's folder. */
function includePath(value: string, from: string, home: string): string | undefined {
  const expanded = expandHome(value, home);
  if (expanded === undefined) return undefined;
  return isAbsolute(expanded) ? expanded : join(dirname(from), expanded);
}

function expandHome(value: string, home: string): string | undefined {
  if (value === '~') return home;
  if (value.startsWith('~/')) return join(home, value.slice(2));
  // `~user/…` names another user's home, which is not ours to look up.
  if (value.startsWith('~')) return undefined;
  return value;
}

/** Whether an includeIf condition holds for this repository. */
async function conditionHolds(condition: string, configPath: string, ctx: ConfigReadContext): Promise<boolean> {
  const m = /^gitdir(\/i)?:(.*)$/s.exec(condition);
  if (!m || !ctx.gitDirs.length) return false;
  const matcher = await gitdirMatcher(m[2]!, configPath, !!m[1], ctx);
  return !!matcher && ctx.gitDirs.some((dir) => matcher(dir.replace(/\\/g, '/')));
}

async function gitdirMatcher(pattern: string, configPath: string, icase: boolean, ctx: ConfigReadContext): Promise<((gitDir: string) => boolean) | undefined> {
  let p = expandHome(pattern, ctx.home);
  if (p === undefined) return undefined;
  p = p.replace(/\\/g, '/');
  // `./…`: the including file's folder, matched as written (its characters are no wildcards).
  let literal = '';
  if (p.startsWith('./')) {
    literal = `${dirname(await ctx.realpath(configPath)).replace(/\\/g, '/').replace(/\/$/, '')}/`;
    p = p.slice(2);
  } else if (!p.startsWith('/') && !/^[A-Za-z]:\//.test(p)) p = `**/${p}`;
  if (p.endsWith('/') || (!p && literal)) p += '**';
  const regex = wildmatchRegex(p, icase);
  if (!regex) return undefined;
  return (dir) => {
    if (!literal) return regex.test(dir);
    const head = dir.slice(0, literal.length);
    const same = icase ? head.toLowerCase() === literal.toLowerCase() : head === literal;
    return same && regex.test(dir.slice(literal.length));
  };
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
