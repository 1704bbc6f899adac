// What the file tools leave out, as the user set it: `files.exclude` and `search.exclude` (their
// `true` entries; conditional `when` entries are left to VS Code's own search) and the workspace's
// .gitignore files, `.git/info/exclude` and git's global excludes file, read and matched by the
// small matcher in core.
import * as vscode from 'vscode';
import { gitMatcher, type GitignoreMatcher } from '../../core/agent/gitignore';
import { gitExcludesEnvironment, readGlobalExcludes } from '../../core/agent/gitGlobalExcludes';
import { readExcludeGlobs } from '../settings';

/** Exclude globs from `files.exclude` and `search.exclude` for this folder (those set to `true`). */
export function excludeGlobs(folder?: vscode.WorkspaceFolder): string[] {
  const all = [...readExcludeGlobs('files.exclude', folder?.uri), ...readExcludeGlobs('search.exclude', folder?.uri)];
  // A brace or comma inside a pattern would break the one `{a,b}` pattern findFiles takes.
  return [...new Set(all.filter((g) => !/[{},]/.test(g)))];
}

/** The excludes as one glob for `findFiles`, or undefined when there are none. */
export function excludePattern(folder?: vscode.WorkspaceFolder): string | undefined {
  const globs = excludeGlobs(folder);
  return globs.length ? `{${globs.join(',')}}` : undefined;
}

/** Every .gitignore in the folder (outside excluded folders), `.git/info/exclude` and git's global excludes file, as one matcher. */
export async function gitignoreOf(folder: vscode.WorkspaceFolder, signal?: AbortSignal): Promise<GitignoreMatcher> {
  const global = folder.uri.scheme === 'file' ? await readGlobalExcludes(gitExcludesEnvironment(process.env, folder.uri.fsPath)) : undefined;
  // The repository's own exclude file holds root-level rules like a .gitignore.
  const infoExclude = await readSmallText(vscode.Uri.joinPath(folder.uri, '.git', 'info', 'exclude'));
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), excludePattern(folder), 500, tokenOf(signal));
  const gitignores: Array<{ folder: string; text: string }> = [];
  for (const uri of files) {
    const text = await readSmallText(uri);
    if (text !== undefined) gitignores.push({ folder: relativeTo(folder, vscode.Uri.joinPath(uri, '..')), text });
  }
  return gitMatcher({ globalExcludes: global?.text, infoExclude, gitignores });
}

/** A file's text, or undefined when it is missing, unreadable or over 1 MB. */
async function readSmallText(uri: vscode.Uri): Promise<string | undefined> {
  const bytes = await vscode.workspace.fs.readFile(uri).then(undefined, () => undefined);
  return bytes && bytes.byteLength <= 1_000_000 ? new TextDecoder().decode(bytes) : undefined;
}

/** `uri`'s path relative to `folder`, `/`-separated ('' for the folder itself). */
export function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const base = folder.uri.path.replace(/\/+$/, '');
  return uri.path.startsWith(`${base}/`) ? uri.path.slice(base.length + 1) : uri.path === base ? '' : uri.path;
}

/** A cancellation token that follows an AbortSignal. */
export function tokenOf(signal: AbortSignal | undefined): vscode.CancellationToken | undefined {
  if (!signal) return undefined;
  const source = new vscode.CancellationTokenSource();
  if (signal.aborted) source.cancel();
  else signal.addEventListener('abort', () => source.cancel(), { once: true });
  return source.token;
}

/**
 * The glob to use inside `folder`: in a multi-root workspace "api/src/**" means the folder named
 * api (the name is taken off), and other folders are skipped (undefined).
 */
export function globInFolder(glob: string, folder: vscode.WorkspaceFolder, folders: readonly vscode.WorkspaceFolder[]): string | undefined {
  if (folders.length < 2) return glob;
  const [first, ...rest] = glob.split('/');
  if (!folders.some((f) => f.name === first)) return glob;
  return first === folder.name && rest.length ? rest.join('/') : undefined;
}
