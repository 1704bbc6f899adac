// Searches the workspace's text with VS Code's bundled ripgrep (honouring .gitignore and the
// exclude settings), or, when this VS Code has no rg where we look, by reading the listed files.
// Matches in credentials files are never shown.
import * as vscode from 'vscode';
import type { AgentTool } from '../../../core/agent/agentTool';
import { defineTool, oneLine, ToolRefusal } from '../../../core/agent/defineTool';
import { credentialFileReason } from '../../../core/chat/attachments/attachmentPolicy';
import { capResult, looksBinary, optionalBoolean, optionalInteger, optionalString, requiredString } from '../../../core/agent/toolText';
import { globMatcher, literalPrefix } from '../../../core/agent/gitignore';
import { bundledRipgrep, runRipgrep, type RipgrepMatch } from '../ripgrep';
import { excludeGlobs, excludePattern, gitignoreOf, globInFolder, relativeTo, tokenOf } from '../workspaceExcludes';

const DEFAULT_RESULTS = 50;
const MAX_RESULTS = 500;
const MAX_LINE_CHARS = 300;
const FALLBACK_MAX_FILE_BYTES = 1_000_000;

/** `findRipgrep` finds the rg to run; when it finds none the files are read instead. */
export function searchTextTool(findRipgrep: () => string | undefined = bundledRipgrep): AgentTool {
  return defineTool({
    name: 'search_text',
    title: 'Search text',
    kind: 'read',
    description:
      'Searches the text of the workspace files for a string (or a regular expression with isRegexp) and returns matching lines as "path:line: text". Files excluded in the settings or ignored by .gitignore are skipped. Use include to limit the files, e.g. "src/**/*.ts".',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Text to find (case-sensitive unless ignoreCase).' },
        isRegexp: { type: 'boolean', description: 'Treat query as a regular expression (Rust regex syntax). Default false.' },
        ignoreCase: { type: 'boolean', description: 'Match regardless of case. Default false.' },
        include: { type: 'string', description: 'Only files whose path matches this glob, e.g. "src/**/*.ts".' },
        maxResults: { type: 'integer', minimum: 1, maximum: MAX_RESULTS, description: `Most matching lines to return. Default ${DEFAULT_RESULTS}.` },
      },
      required: ['query'],
    },
    describe: (o) => `Search for "${oneLine(o.query, 60)}"${typeof o.include === 'string' && o.include ? ` in ${o.include}` : ''}`,
    async run(o, context) {
      const query = requiredString(o, 'query', 'createCache');
      const isRegexp = optionalBoolean(o, 'isRegexp') ?? false;
      const ignoreCase = optionalBoolean(o, 'ignoreCase') ?? false;
      const include = optionalString(o, 'include')?.trim() || undefined;
      if (include && (include.split(/[\\/]/).includes('..') || include.startsWith('/'))) throw new ToolRefusal(`include "${include}" reaches outside the workspace; give a glob relative to the workspace root.`);
      const limit = optionalInteger(o, 'maxResults', 1, MAX_RESULTS) ?? DEFAULT_RESULTS;
      const folders = vscode.workspace.workspaceFolders ?? [];
      if (!folders.length) throw new ToolRefusal('No workspace folder is open, so there is nothing to search.');
      let hidden = 0;
      const rg = findRipgrep();
      const lines: string[] = [];
      let limitHit = false;
      for (const folder of folders) {
        const left = limit - lines.length;
        if (left <= 0) break;
        const own = include === undefined ? undefined : globInFolder(include, folder, folders);
        if (include !== undefined && own === undefined) continue;
        // The include glob filters rg's answers rather than going to rg as --glob: a glob given to
        // rg overrides .gitignore and the excludes, so ignored files would be searched.
        const included = own ? globMatcher(own) : undefined;
        if (own && !included) throw new ToolRefusal(`include "${include}" is not a glob pattern VS Code understands.`);
        const accept = (m: RipgrepMatch) => {
          if (included && !included(m.path)) return false;
          if (!credentialFileReason(m.path)) return true;
          hidden++;
          return false;
        };
        const result = rg
          ? await runRipgrep(rg, ripgrepArgs(query, isRegexp, ignoreCase, own, folder), folder.uri.fsPath, left, context.signal, accept).catch((e: unknown) => {
              throw new ToolRefusal(`The search failed: ${e instanceof Error ? e.message : String(e)}${isRegexp ? ' (check the regular expression)' : ''}.`);
            })
          : await searchByReading(folder, query, isRegexp, ignoreCase, own, left, context.signal, accept);
        limitHit ||= result.limitHit;
        const prefix = folders.length > 1 ? `${folder.name}/` : '';
        for (const m of result.matches) lines.push(`${prefix}${m.path}:${m.line}: ${oneLine(m.text, MAX_LINE_CHARS)}`);
      }
      const notes: string[] = [];
      if (limitHit) notes.push(`stopped at ${limit} matches; narrow the query or include, or raise maxResults.`);
      if (hidden) notes.push(`${hidden} match(es) in credentials files not shown.`);
      if (!rg) notes.push('searched by reading files (this VS Code has no bundled ripgrep where expected).');
      const head = lines.length ? `${lines.length} matching line(s) for "${query}":` : `No matches for "${query}".`;
      return capResult([head, ...lines, ...notes.map((n) => `(${n})`)].join('\n'), context.maxResultBytes, 'Narrow the query or include.');
    },
  });
}

function ripgrepArgs(query: string, isRegexp: boolean, ignoreCase: boolean, include: string | undefined, folder: vscode.WorkspaceFolder): string[] {
  // Only the folder the include glob starts with is searched.
  const root = include ? literalPrefix(include) : '';
  const args = ['--line-number', '--hidden', '--no-require-git', '--no-config', '--max-columns', '1000', '--max-filesize', '5M', '--glob', '!.git'];
  args.push(ignoreCase ? '--ignore-case' : '--case-sensitive');
  if (!isRegexp) args.push('--fixed-strings');
  for (const glob of excludeGlobs(folder)) args.push('--glob', `!${glob}`);
  args.push('--regexp', query, '--', root || '.');
  return args;
}

/** The same search without rg: list the files (excludes and .gitignore applied) and scan each. */
async function searchByReading(
  folder: vscode.WorkspaceFolder,
  query: string,
  isRegexp: boolean,
  ignoreCase: boolean,
  include: string | undefined,
  limit: number,
  signal: AbortSignal,
  accept: (m: RipgrepMatch) => boolean,
): Promise<{ matches: RipgrepMatch[]; limitHit: boolean }> {
  let re: RegExp;
  try {
    re = new RegExp(isRegexp ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ignoreCase ? 'i' : '');
  } catch (e) {
    throw new ToolRefusal(`The regular expression does not compile: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const ignore = await gitignoreOf(folder, signal);
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, include ?? '**/*'), excludePattern(folder) ?? null, 20_000, tokenOf(signal));
  const matches: RipgrepMatch[] = [];
  for (const uri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
    if (signal.aborted) throw new Error('cancelled');
    const path = relativeTo(folder, uri);
    if (ignore.ignores(path)) continue;
    const stat = await vscode.workspace.fs.stat(uri).then(undefined, () => undefined);
    if (!stat || stat.size > FALLBACK_MAX_FILE_BYTES) continue;
    const bytes = await vscode.workspace.fs.readFile(uri).then(undefined, () => undefined);
    if (!bytes || looksBinary(bytes)) continue;
    const lines = new TextDecoder().decode(bytes).split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      if (!re.test(lines[i]!)) continue;
      const m = { path, line: i + 1, text: lines[i]! };
      // Every match refused is counted (as rg's would be), so the scan goes on through the file.
      if (!accept(m)) continue;
      matches.push(m);
      if (matches.length >= limit) return { matches, limitHit: true };
    }
  }
  return { matches, limitHit: false };
}
