// The working tree's changes through the built-in git extension's API (its `diff`/`diffWithHEAD`),
// for every repository in the workspace or one file. Sections for credentials files are left out
// (a diff of .env would carry its secrets), and so are files outside the workspace folders when a
// repository holds more than the workspace.
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import type { AgentTool } from '../../../core/agent/agentTool';
import { defineTool, ToolRefusal } from '../../../core/agent/defineTool';
import { credentialFileReason } from '../../../core/chat/attachments/attachmentPolicy';
import { capResult, optionalBoolean, optionalString } from '../../../core/agent/toolText';
import type { WorkspaceAccess } from '../workspaceAccess';

/** The part of the git extension's API (`vscode.git`, version 1) this tool uses. */
interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly workingTreeChanges: readonly GitChange[]; readonly indexChanges: readonly GitChange[]; readonly untrackedChanges?: readonly GitChange[] };
  diffWithHEAD(path: string): Promise<string>;
  diffIndexWithHEAD(path: string): Promise<string>;
}
export interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}

/** Untracked, in the git extension's Status enum. */
const UNTRACKED = 7;

/** The git extension's API, activating it if needed; undefined when git is disabled or missing. */
export async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi; enabled?: boolean }>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate().then(undefined, () => undefined);
  if (!exports || exports.enabled === false) return undefined;
  return exports.getAPI(1);
}

export function gitDiffTool(access: WorkspaceAccess): AgentTool {
  return defineTool({
    name: 'git_diff',
    title: 'Git diff',
    kind: 'read',
    description:
      "Shows the uncommitted changes in the workspace's git repositories as a unified diff (working tree against the index, or staged changes with staged: true), for every file or one path, and lists untracked files.",
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Only this file (relative to the workspace root). Omit for all changes.' },
        staged: { type: 'boolean', description: 'Show the staged changes (index against HEAD) instead. Default false.' },
      },
    },
    describe: (o) => `Git diff${o.staged === true ? ' (staged)' : ''}${typeof o.path === 'string' && o.path ? ` of ${o.path}` : ''}`,
    async run(o, context) {
      const path = optionalString(o, 'path')?.trim();
      const staged = optionalBoolean(o, 'staged') ?? false;
      const git = await gitApi();
      if (!git) throw new ToolRefusal('Git is not available in this VS Code (the built-in git extension is disabled or git is not installed).');
      if (path) {
        const file = await access.resolve(path, context.conversationId);
        const repo = git.getRepository(file.uri);
        if (!repo) throw new ToolRefusal(`${file.relative} is not in a git repository that VS Code has open.`);
        const diff = staged ? await repo.diffIndexWithHEAD(file.uri.fsPath) : await repo.diffWithHEAD(file.uri.fsPath);
        if (!diff.trim()) return `No ${staged ? 'staged ' : ''}changes in ${file.relative}.`;
        return capResult(diff, context.maxResultBytes, 'Ask for one file at a time.');
      }
      const repos = [];
      for (const repo of git.repositories) if (overlapsWorkspace(access, repo.rootUri)) repos.push(repo);
      if (!repos.length) return 'No git repository is open in this workspace.';
      const multi = repos.length > 1 || access.folders().length > 1;
      const parts: string[] = [];
      for (const repo of repos) {
        const label = repos.length > 1 ? `Repository ${vscode.workspace.asRelativePath(repo.rootUri, true)}:\n` : '';
        const { diffs, hidden, outside } = await changedFileDiffs(access, repo, staged);
        const untracked: string[] = [];
        if (!staged) {
          // Untracked files sit in their own list or among the working-tree changes (`git.untrackedChanges`).
          for (const c of [...(repo.state.untrackedChanges ?? []), ...repo.state.workingTreeChanges.filter((c) => c.status === UNTRACKED)]) {
            if (await access.isOpenToTools(c.uri)) untracked.push(vscode.workspace.asRelativePath(c.uri, multi));
          }
        }
        const notes = [
          ...(hidden.length ? [`(diff of ${hidden.join(', ')} left out: credentials file; read it with path to ask the user)`] : []),
          ...(outside ? [`(${outside} changed file(s) outside the workspace folders left out)`] : []),
          ...(untracked.length ? [`Untracked files:\n${untracked.join('\n')}`] : []),
        ];
        parts.push(`${label}${diffs.join('\n').trim() || `No ${staged ? 'staged ' : ''}changes to tracked files.`}${notes.length ? `\n${notes.join('\n')}` : ''}`);
      }
      return capResult(parts.join('\n\n'), context.maxResultBytes, 'Ask for one file at a time with path.');
    },
  });
}

/**
 * Each changed tracked file's diff against HEAD (working tree, or the index when `staged`), for
 * files inside the workspace that are not credentials files.
 */
async function changedFileDiffs(access: WorkspaceAccess, repo: GitRepository, staged: boolean): Promise<{ diffs: string[]; hidden: string[]; outside: number }> {
  const changed = new Map<string, vscode.Uri>();
  const changes = staged ? repo.state.indexChanges : [...repo.state.indexChanges, ...repo.state.workingTreeChanges];
  for (const c of changes) if (c.status !== UNTRACKED) changed.set(c.uri.toString(), c.uri);
  const diffs: string[] = [];
  const hidden: string[] = [];
  let outside = 0;
  for (const uri of [...changed.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!(await access.isOpenToTools(uri))) {
      if (credentialFileReason(uri.path)) hidden.push(vscode.workspace.asRelativePath(uri, false));
      else outside++;
      continue;
    }
    diffs.push(staged ? await repo.diffIndexWithHEAD(uri.fsPath) : await repo.diffWithHEAD(uri.fsPath));
  }
  return { diffs, hidden, outside };
}

/** A repository inside a workspace folder, or holding one. */
function overlapsWorkspace(access: WorkspaceAccess, root: vscode.Uri): boolean {
  const within = (child: string, parent: string) => !relative(parent, child).startsWith('..') && !isAbsolute(relative(parent, child));
  return access.folders().some((f) => within(root.fsPath, f.fsPath) || within(f.fsPath, root.fsPath));
}
