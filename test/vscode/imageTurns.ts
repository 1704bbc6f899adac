// Helpers for the image tests in the extension host: answer the quick inputs a command asks, and
// collect the stream messages of the image turn it runs in the chat view.
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import { waitFor } from './waitFor';

export type ChatHost = NonNullable<ReturnType<WorkbenchApi['chat']['viewForTests']>>;

/** What a command showed while `answering` stood in for the user. */
export interface AnsweringExtra {
  /** Every open dialog answers these files. */
  files?: vscode.Uri[];
  /** Open dialogs answer these in turn, one per dialog (before `files`). */
  fileQueue?: vscode.Uri[][];
  /** The input boxes' prompts, in order. */
  prompts?: string[];
  /** The input boxes' options, in order (their validateInput can be called). */
  inputBoxes?: vscode.InputBoxOptions[];
  /** The open dialogs' titles, in order. */
  dialogTitles?: string[];
  /** The quick picks' titles, in order. */
  pickTitles?: string[];
  /** The warnings shown, in order. */
  warnings?: string[];
}

/**
 * Answers the next input boxes and quick picks as a user would (and the open dialog, with `files`
 * or `fileQueue`); what was shown is collected in `extra`. Restores the real ones after.
 */
export function answering(inputs: string[], pick: (items: readonly { id?: string; label: string }[]) => number = () => 0, extra: AnsweringExtra = {}): vscode.Disposable {
  const w = vscode.window as unknown as Record<string, unknown>;
  const real = { showInputBox: w.showInputBox, showQuickPick: w.showQuickPick, showOpenDialog: w.showOpenDialog, showWarningMessage: w.showWarningMessage };
  w.showInputBox = async (options?: vscode.InputBoxOptions) => {
    extra.prompts?.push(options?.prompt ?? '');
    if (options) extra.inputBoxes?.push(options);
    return inputs.shift();
  };
  w.showQuickPick = async (items: readonly { id?: string; label: string }[], options?: vscode.QuickPickOptions) => {
    extra.pickTitles?.push(options?.title ?? '');
    return items[pick(items)];
  };
  if (extra.files || extra.fileQueue) {
    w.showOpenDialog = async (options?: vscode.OpenDialogOptions) => {
      extra.dialogTitles?.push(options?.title ?? '');
      return extra.fileQueue?.length ? extra.fileQueue.shift() : extra.files;
    };
  }
  if (extra.warnings) {
    w.showWarningMessage = async (message: string) => {
      extra.warnings!.push(message);
      return undefined;
    };
  }
  return new vscode.Disposable(() => Object.assign(w, real));
}

/** The stream messages of the next turn the host runs, once it ended. */
export async function nextTurn(host: ChatHost, run: () => PromiseLike<unknown>): Promise<HostToWebviewMessage[]> {
  const posts: HostToWebviewMessage[] = [];
  const sub = host.onDidPost((m) => posts.push(m));
  try {
    await run();
    return await waitFor(host.onDidPost, () => {
      const start = posts.find((m) => m.method === 'chat/start');
      if (!start || !('requestId' in start)) return undefined;
      const mine = posts.filter((m) => 'requestId' in m && m.requestId === start.requestId);
      return ['chat/end', 'chat/error'].includes(mine.at(-1)!.method) ? mine : undefined;
    }, 'the image turn to end');
  } finally {
    sub.dispose();
  }
}
