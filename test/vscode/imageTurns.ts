// Helpers for the image tests in the extension host: answer the quick inputs a command asks, and
// collect the stream messages of the image turn it runs in the chat view.
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import { waitFor } from './waitFor';

export type ChatHost = NonNullable<ReturnType<WorkbenchApi['chat']['viewForTests']>>;

/**
 * Answers the next input boxes and quick picks as a user would (and the open dialog, with `files`);
 * the input boxes' prompts are collected in `prompts`. Restores the real ones after.
 */
export function answering(inputs: string[], pick: (items: readonly { id?: string; label: string }[]) => number = () => 0, extra: { files?: vscode.Uri[]; prompts?: string[] } = {}): vscode.Disposable {
  const w = vscode.window as unknown as Record<string, unknown>;
  const real = { showInputBox: w.showInputBox, showQuickPick: w.showQuickPick, showOpenDialog: w.showOpenDialog };
  w.showInputBox = async (options?: vscode.InputBoxOptions) => {
    extra.prompts?.push(options?.prompt ?? '');
    return inputs.shift();
  };
  w.showQuickPick = async (items: readonly { id?: string; label: string }[]) => items[pick(items)];
  if (extra.files) w.showOpenDialog = async () => extra.files;
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
