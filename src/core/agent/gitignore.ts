// A small .gitignore matcher for the file tools, and the glob matcher they share. The built-in git extension's API has no
// "is this ignored" call, and VS Code's findFiles does not read .gitignore, so the tool reads the
// .gitignore files of the workspace itself and matches paths here. It covers what .gitignore files
// hold in practice: comments, `!` negation, a leading or inner `/` anchoring the pattern to its
// file's folder, a trailing `/` for folders only, `*`, `?`, `**` and character classes. A file
// inside an ignored folder is ignored, and (as in git) cannot be re-included by a later `!`.

interface Rule {
  readonly regex: RegExp;
  readonly negated: boolean;
  readonly folderOnly: boolean;
  /** The folder holding the .gitignore, relative to the workspace folder ('' for the root). */
  readonly base: string;
}

export class GitignoreMatcher {
  private readonly rules: Rule[] = [];

  /** Adds the rules of the .gitignore in `folder` (relative to the workspace folder, '' for its root). */
  add(folder: string, text: string): this {
    const base = folder.replace(/^\/+|\/+$/g, '');
    for (const raw of text.split(/\r?\n/)) {
      const rule = parseRule(raw, base);
      if (rule) this.rules.push(rule);
    }
    return this;
  }

  get size(): number {
    return this.rules.length;
  }

  /** Whether `path` (a file, relative to the workspace folder, `/`-separated) is ignored. */
  ignores(path: string): boolean {
    const segments = path.split('/').filter(Boolean);
    // A parent folder that is ignored hides everything under it.
    for (let i = 1; i < segments.length; i++) {
      if (this.decide(segments.slice(0, i).join('/'), true)) return true;
    }
    return this.decide(segments.join('/'), false);
  }

  private decide(path: string, isFolder: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.folderOnly && !isFolder) continue;
      let rel = path;
      if (rule.base) {
        if (!path.startsWith(`${rule.base}/`)) continue;
        rel = path.slice(rule.base.length + 1);
      }
      if (rule.regex.test(rel)) ignored = !rule.negated;
    }
    return ignored;
  }
}

/** What git reads to decide what is ignored in one repository. */
export interface IgnoreSources {
  /** The global excludes file (core.excludesFile). */
  readonly globalExcludes?: string;
  /** `.git/info/exclude`. */
  readonly infoExclude?: string;
  /** Each .gitignore with its folder relative to the root ('' for the root). */
  readonly gitignores: ReadonlyArray<{ readonly folder: string; readonly text: string }>;
}

/**
 * One matcher in git's order of precedence: a later rule wins, so the global file comes first,
 * then `.git/info/exclude`, then the .gitignore files from the root down (a nested file's `!`
 * re-includes what a parent or the global file ignored).
 */
export function gitMatcher(sources: IgnoreSources): GitignoreMatcher {
  const matcher = new GitignoreMatcher();
  if (sources.globalExcludes !== undefined) matcher.add('', sources.globalExcludes);
  if (sources.infoExclude !== undefined) matcher.add('', sources.infoExclude);
  const depth = (folder: string) => folder.split('/').filter(Boolean).length;
  for (const { folder, text } of [...sources.gitignores].sort((a, b) => depth(a.folder) - depth(b.folder))) matcher.add(folder, text);
  return matcher;
}

function parseRule(raw: string, base: string): Rule | undefined {
  let line = raw.replace(/(?<!\\)\s+$/, '');
  if (!line || line.startsWith('#')) return undefined;
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
  let folderOnly = false;
  if (line.endsWith('/')) {
    folderOnly = true;
    line = line.slice(0, -1);
  }
  if (!line) return undefined;
  // A slash at the start or in the middle anchors the pattern to the .gitignore's folder;
  // otherwise it matches a name at any depth.
  const anchored = line.includes('/');
  line = line.replace(/^\//, '');
  const body = globToRegex(line);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { regex, negated, folderOnly, base };
}

/**
 * A VS Code style glob (`*`, `**`, `?`, `[…]`, `{a,b}`) as a test of a whole `/`-separated path;
 * undefined when the glob does not compile.
 */
export function globMatcher(glob: string): ((path: string) => boolean) | undefined {
  try {
    const re = new RegExp(`^${globToRegex(glob.replace(/^\.\//, ''), true)}$`);
    return (path) => re.test(path);
  } catch {
    return undefined;
  }
}

/** A git wildmatch pattern (`*` and `?` within a path segment, `**` across them, `[…]`) as a test of a whole path; undefined when it does not compile. */
export function wildmatchRegex(pattern: string, ignoreCase = false): RegExp | undefined {
  try {
    return new RegExp(`^${globToRegex(pattern)}$`, ignoreCase ? 'i' : '');
  } catch {
    return undefined;
  }
}

/** The folder part of a glob before its first wildcard ("src/lib" for "src/lib/**\/*.ts"), or ''. */
export function literalPrefix(glob: string): string {
  const parts = glob.replace(/^\.\//, '').split('/');
  const literal: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]{}]/.test(part)) break;
    literal.push(part);
  }
  return literal.join('/');
}

function globToRegex(glob: string, braces = false): string {
  let out = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (braces && c === '{') {
      braceDepth++;
      out += '(?:';
    } else if (braces && c === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (braces && c === ',' && braceDepth > 0) out += '|';
    else if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        const atStart = i === 0 || glob[i - 1] === '/';
        if (atStart && slashAfter) {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const inner = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${inner}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]!);
      i++;
    } else out += escapeRegex(c);
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
