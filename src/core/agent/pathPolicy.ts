// Where the agent's tools may look and write: inside the open workspace folders only, after
// symlinks are resolved, never through `..`, and never into a credentials file unless the user
// allowed that one file. A path comes from the model, so it is hostile input: every refusal says
// what was wrong in words the model can act on.
import { realpath as fsRealpath } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { credentialFileReason } from '../chat/attachments/attachmentPolicy';

export interface WorkspaceFolderPath {
  /** The folder's name as VS Code shows it (the first segment of a path in a multi-root workspace). */
  readonly name: string;
  /** Its absolute path on disk. */
  readonly fsPath: string;
}

export type PathDecision =
  /**
   * Inside a folder: `absolute` is the path as VS Code knows it (under the folder's own path, links
   * not resolved: documents, diagnostics and edits are keyed by it), `real` where it really is,
   * `relative` the name to show.
   */
  | { readonly kind: 'inside'; readonly absolute: string; readonly real: string; readonly relative: string; readonly folder: WorkspaceFolderPath }
  /** Inside a folder but a credentials file the user has not allowed: `reason` says why it is one. */
  | { readonly kind: 'secret'; readonly absolute: string; readonly real: string; readonly relative: string; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

export interface PathPolicyOptions {
  /** Resolves symlinks; node's realpath unless a test passes another. Rejects when nothing is there. */
  realpath?: (path: string) => Promise<string>;
  /** Whether the user allowed this credentials file (by its real path). */
  isAllowed?: (absolute: string) => boolean;
  /** Path flavour; the platform's unless a test asks for another. */
  path?: nodePath.PlatformPath;
}

const MAX_PATH_LENGTH = 4096;

/**
 * Decides what `input` (a path the model gave: relative to the workspace, `folderName/…` in a
 * multi-root workspace, or absolute) refers to and whether a tool may use it. The target need not
 * exist: a file to create is checked through its nearest existing parent.
 */
export async function resolveToolPath(input: unknown, folders: readonly WorkspaceFolderPath[], opts: PathPolicyOptions = {}): Promise<PathDecision> {
  const path = opts.path ?? nodePath;
  const realpath = opts.realpath ?? fsRealpath;
  if (!folders.length) return refused('No workspace folder is open, so the agent has no files to work on. Ask the user to open a folder.');
  if (typeof input !== 'string' || !input.trim()) return refused(`"path" must be a file path relative to the workspace, e.g. "src/index.ts"; got ${JSON.stringify(input)}.`);
  const raw = input.trim();
  if (raw.length > MAX_PATH_LENGTH || raw.includes('\0')) return refused('That path is not a usable file path (too long, or it holds a NUL character).');
  if (raw.startsWith('~')) return refused(`${raw} points into the home folder; the agent works only inside the workspace folders (${folderNames(folders)}).`);
  const segments = raw.split(/[\\/]+/);
  if (segments.includes('..')) return refused(`${raw} uses "..", which the agent does not follow; give the path from the workspace root instead.`);

  const candidate = candidatePath(raw, segments, folders, path);
  if (!candidate) return refused(`${raw} is outside the workspace folders (${folderNames(folders)}); the agent works only inside them.`);
  const real = await realPathOf(candidate.absolute, realpath, path);
  const realFolders = await Promise.all(folders.map(async (f) => ({ folder: f, real: await realpath(f.fsPath).catch(() => path.resolve(f.fsPath)) })));
  const home = realFolders.find((f) => isInside(real, f.real, path));
  if (!home) return refused(`${raw} leads outside the workspace folders (${folderNames(folders)}) through a link; the agent works only inside them.`);
  const logicalFolder = folders.find((f) => isInside(candidate.absolute, path.resolve(f.fsPath), path)) ?? home.folder;
  const relative = displayName(logicalFolder, path.relative(path.resolve(logicalFolder.fsPath), candidate.absolute), folders.length, path);
  // The name as given and the name of what it really is: a link called notes.txt to a .env is still a .env.
  const reason = credentialFileReason(relative) ?? credentialFileReason(path.relative(home.real, real));
  if (reason && !opts.isAllowed?.(real)) return { kind: 'secret', absolute: candidate.absolute, real, relative, reason };
  return { kind: 'inside', absolute: candidate.absolute, real, relative, folder: logicalFolder };
}

/** The refusal the model reads for a credentials file: why, and that only the user can allow it. */
export function secretRefusal(decision: { relative: string; reason: string }): string {
  return `${decision.reason}, so the agent does not read or change it. Only the user can allow it, one file at a time, and they have not allowed this one. Do not try another path to the same file.`;
}

function refused(reason: string): PathDecision {
  return { kind: 'refused', reason };
}

function folderNames(folders: readonly WorkspaceFolderPath[]): string {
  return folders.map((f) => f.name).join(', ');
}

function candidatePath(raw: string, segments: string[], folders: readonly WorkspaceFolderPath[], path: nodePath.PlatformPath): { absolute: string } | undefined {
  if (path.isAbsolute(raw)) {
    const absolute = path.resolve(raw);
    return folders.some((f) => isInside(absolute, path.resolve(f.fsPath), path)) ? { absolute } : undefined;
  }
  // Multi-root: "api/src/x.ts" names the folder called "api" when there is one.
  const named = folders.length > 1 ? folders.find((f) => f.name === segments[0]) : undefined;
  if (named) return { absolute: path.resolve(named.fsPath, ...segments.slice(1)) };
  return { absolute: path.resolve(folders[0]!.fsPath, ...segments.filter((s) => s !== '.' && s !== '')) };
}

/** The real path of `absolute`, or of its nearest existing parent with the rest appended. */
async function realPathOf(absolute: string, realpath: (p: string) => Promise<string>, path: nodePath.PlatformPath): Promise<string> {
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

function isInside(child: string, parent: string, path: nodePath.PlatformPath): boolean {
  const rel = path.relative(fold(parent, path), fold(child, path));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Windows paths compare without case. */
function fold(p: string, path: nodePath.PlatformPath): string {
  return path.sep === '\\' ? p.toLowerCase() : p;
}

function displayName(folder: WorkspaceFolderPath, rel: string, folderCount: number, path: nodePath.PlatformPath): string {
  const forward = rel.split(path.sep).join('/');
  if (folderCount > 1) return forward ? `${folder.name}/${forward}` : folder.name;
  return forward || '.';
}
