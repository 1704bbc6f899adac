// Lists workspace files matching a glob, leaving out what the user excluded (`files.exclude`,
// `search.exclude`) and what git ignores (.gitignore files read by the matcher in core; the git
// extension's API has no ignore check).
import * as vscode from 'vscode';
import type { AgentTool } from '../../../core/agent/agentTool';
import { defineTool, ToolRefusal } from '../../../core/agent/defineTool';
import { capResult, optionalInteger, optionalString } from '../../../core/agent/toolText';
import { excludePattern, gitignoreOf, globInFolder, relativeTo, tokenOf } from '../workspaceExcludes';

const DEFAULT_RESULTS = 200;
const MAX_RESULTS = 2000;
/** findFiles is asked for more than shown, since ignored files are dropped after it answers. */
const SCAN_LIMIT = 20_000;

export function listFilesTool(): AgentTool {
  return defineTool({
    name: 'list_files',
    title: 'List files',
    kind: 'read',
    description:
      'Lists files in the workspace whose path matches a glob pattern (e.g. "**/*.ts", "src/**", "**/package.json"), skipping files excluded in the settings and files ignored by .gitignore. Paths are relative to the workspace root.',
    inputSchema: {
      type: 'object',
      properties: {
        pattern: { type: 'string', description: 'Glob relative to the workspace root. Default "**/*".' },
        maxResults: { type: 'integer', minimum: 1, maximum: MAX_RESULTS, description: `Most paths to return. Default ${DEFAULT_RESULTS}.` },
      },
    },
    describe: (o) => `List files ${typeof o.pattern === 'string' && o.pattern ? o.pattern : '**/*'}`,
    async run(o, context) {
      const pattern = (optionalString(o, 'pattern') ?? '').trim() || '**/*';
      if (pattern.split(/[\\/]/).includes('..') || pattern.startsWith('/') || pattern.startsWith('~')) throw new ToolRefusal(`"${pattern}" reaches outside the workspace; give a glob relative to the workspace root, like "src/**/*.ts".`);
      const limit = optionalInteger(o, 'maxResults', 1, MAX_RESULTS) ?? DEFAULT_RESULTS;
      const folders = vscode.workspace.workspaceFolders ?? [];
      if (!folders.length) throw new ToolRefusal('No workspace folder is open, so there are no files to list.');
      const found: string[] = [];
      let ignoredCount = 0;
      let scanCapped = false;
      for (const folder of folders) {
        const own = globInFolder(pattern, folder, folders);
        if (own === undefined) continue;
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, own), excludePattern(folder), SCAN_LIMIT, tokenOf(context.signal));
        if (uris.length >= SCAN_LIMIT) scanCapped = true;
        const ignore = await gitignoreOf(folder, context.signal);
        for (const uri of uris) {
          const rel = relativeTo(folder, uri);
          if (ignore.ignores(rel)) {
            ignoredCount++;
            continue;
          }
          found.push(folders.length > 1 ? `${folder.name}/${rel}` : rel);
        }
      }
      found.sort();
      const shown = found.slice(0, limit);
      const notes: string[] = [];
      if (found.length > limit) notes.push(`${found.length - limit} more not shown; narrow the pattern or raise maxResults.`);
      if (scanCapped) notes.push(`the search stopped at ${SCAN_LIMIT} files; narrow the pattern.`);
      if (ignoredCount) notes.push(`${ignoredCount} file(s) ignored by .gitignore left out.`);
      const head = shown.length ? `${found.length} file(s) match ${pattern}:` : `No files match ${pattern} (excluded and git-ignored files are left out).`;
      const text = [head, ...shown, ...notes.map((n) => `(${n})`)].join('\n');
      return capResult(text, context.maxResultBytes, 'Narrow the pattern.');
    },
  });
}
