// Shows a change the agent proposes before the user approves it: the proposed text as a read-only
// virtual document, opened in a diff editor against the file as it is now. Closing the preview
// closes the tab and forgets the text.
import * as vscode from 'vscode';
import type { IDisposable } from '../../core/lifecycle';

export const PROPOSED_SCHEME = 'bedrock-agent-proposed';

export class ProposedChanges implements vscode.TextDocumentContentProvider, IDisposable {
  private readonly texts = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private next = 0;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /**
   * Opens `proposed` beside `current` (the file now, or an empty document for a new file) in a diff
   * editor titled `title`, without taking focus from the chat; the result closes it.
   */
  async show(relative: string, current: vscode.Uri | undefined, proposed: string, title: string): Promise<IDisposable> {
    const id = ++this.next;
    const right = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${relative}`, query: `proposal=${id}` });
    this.texts.set(right.toString(), proposed);
    const left = current ?? vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${relative}`, query: `empty=${id}` });
    if (!current) this.texts.set(left.toString(), '');
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true, preserveFocus: true });
    return {
      dispose: () => {
        this.texts.delete(right.toString());
        this.texts.delete(left.toString());
        const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === right.toString());
        if (tabs.length) void vscode.window.tabGroups.close(tabs, true).then(undefined, () => undefined);
      },
    };
  }

  /** The proposals on show now (tests read them). */
  get showing(): number {
    return [...this.texts.keys()].filter((k) => k.includes('proposal')).length;
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
