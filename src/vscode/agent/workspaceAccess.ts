// How the built-in tools reach workspace files: every path through the path policy (inside the
// open folders, links resolved, no `..`), credentials files only after the user allowed that file
// for this chat, and text read as the user sees it (an open editor's unsaved text wins over disk).
import * as vscode from 'vscode';
import { resolveToolPath, secretRefusal, type WorkspaceFolderPath } from '../../core/agent/pathPolicy';
import { ToolRefusal } from '../../core/agent/defineTool';
import { looksBinary } from '../../core/agent/toolText';
import { formatBytes } from '../../core/bedrock/adapters/mediaFormats';
import { showWarningMessage } from '../notify';

/** Asks the user whether the agent may use this credentials file; true only on an explicit yes. */
export type ConfirmSecretFile = (relative: string, reason: string) => Promise<boolean>;

export interface ResolvedFile {
  readonly uri: vscode.Uri;
  /** The name to show and give the model: relative to the workspace (`folder/…` in a multi-root one). */
  readonly relative: string;
}

/** Files larger than this are not read whole: the model gets a refusal asking for a range or a search. */
export const MAX_READ_FILE_BYTES = 5_000_000;

export class WorkspaceAccess {
  /** Credentials files the user allowed, per chat, by real path. */
  private readonly allowed = new Map<string, Set<string>>();

  constructor(private readonly confirmSecretFile: ConfirmSecretFile = askToAllow) {}

  folders(): WorkspaceFolderPath[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name, fsPath: f.uri.fsPath }));
  }

  /**
   * The file `input` names, or a ToolRefusal the model can read. A credentials file is asked about
   * once per chat; without a chat (`undefined`: a preview) it is refused without asking.
   */
  async resolve(input: unknown, conversationId: string | undefined): Promise<ResolvedFile> {
    const allowedHere = conversationId === undefined ? undefined : this.allowed.get(conversationId);
    const decision = await resolveToolPath(input, this.folders(), { isAllowed: (p) => !!allowedHere?.has(p) });
    if (decision.kind === 'refused') throw new ToolRefusal(decision.reason);
    if (decision.kind === 'secret') {
      if (conversationId === undefined || !(await this.confirmSecretFile(decision.relative, decision.reason))) throw new ToolRefusal(secretRefusal(decision));
      const set = allowedHere ?? new Set<string>();
      set.add(decision.real);
      this.allowed.set(conversationId, set);
    }
    return { uri: vscode.Uri.file(decision.absolute), relative: decision.relative };
  }

  /** Whether `uri` may be shown to the model without asking: inside a folder and not a credentials file. */
  async isOpenToTools(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme !== 'file') return false;
    return (await resolveToolPath(uri.fsPath, this.folders())).kind === 'inside';
  }

  /** A workspace file's text as the user sees it, or a ToolRefusal (missing, a folder, binary, too large). */
  async readText(file: ResolvedFile): Promise<string> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.uri.toString());
    if (open) return open.getText();
    const stat = await vscode.workspace.fs.stat(file.uri).then(undefined, () => undefined);
    if (!stat) throw new ToolRefusal(`${file.relative} does not exist. List files to find the right path.`);
    if (stat.type & vscode.FileType.Directory) throw new ToolRefusal(`${file.relative} is a folder; list its files with a glob like "${file.relative}/**".`);
    if (stat.size > MAX_READ_FILE_BYTES) throw new ToolRefusal(`${file.relative} is ${formatBytes(stat.size)}, too large to read; search it for what you need instead.`);
    const bytes = await vscode.workspace.fs.readFile(file.uri);
    if (looksBinary(bytes)) throw new ToolRefusal(`${file.relative} is a binary file (${formatBytes(bytes.byteLength)}); the agent reads text files only.`);
    return new TextDecoder().decode(bytes);
  }

  /** Whether the file exists (a folder counts). */
  async exists(file: ResolvedFile): Promise<boolean> {
    return vscode.workspace.fs.stat(file.uri).then(
      () => true,
      () => false,
    );
  }
}

/** The modal that lets the user allow one credentials file for the agent in this chat. */
async function askToAllow(relative: string, reason: string): Promise<boolean> {
  const allow = `Allow Reading ${relative}`;
  const pick = await Promise.resolve(
    showWarningMessage(
      `The agent wants to use ${relative}.`,
      { modal: true, detail: `${reason}. Its contents would be sent to the model. Allow it only if it holds nothing secret; this applies to this file in this chat only.` },
      allow,
    ),
  ).catch(() => undefined); // no dialog could be shown: that is not a yes
  return pick === allow;
}
