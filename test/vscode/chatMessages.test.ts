// The host side of the chat's message actions in a real extension host: Apply opens a diff and
// applies on accept as one undo step, Insert at Cursor goes to the last editor (and says so when
// there is none), the context chip reveals its range, deleting a message edits the stored
// conversation, and code blocks get the colour theme's own token colours, following theme changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import type { HostToWebviewMessage, TokenColors } from '../../src/shared/protocol';
import { NO_EDITOR_TO_INSERT } from '../../src/vscode/chat/codeActions';
import { EXTENSION_ID } from './extensionId';
import { openReadyChatPanel } from './chatPanelReady';
import { waitFor } from './waitFor';

const folder = () => vscode.workspace.workspaceFolders![0].uri;

async function writeFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

const diffTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);

describe('chat message actions (host side)', () => {
  let api: WorkbenchApi;
  let host: ChatPanelHost<vscode.WebviewPanel>;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
  });

  // The editor-tab chat is an editor: closing all editors after a test closes it too.
  beforeEach(async () => {
    host = await openReadyChatPanel(api);
  });

  afterEach(async () => {
    api.chat.codeActions.confirmApply = () => Promise.resolve(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });

  it('Apply with a file named in the fence: a diff of that file opens; accepting replaces it in one undo step', async () => {
    const uri = await writeFile('applyTarget.ts', 'export const a = 1;\n');
    let diffShown = false;
    api.chat.codeActions.confirmApply = async (plan) => {
      // Asked while the diff is open: the user decides looking at it.
      const tab = diffTabs().find((t) => (t.input as vscode.TabInputTextDiff).original.toString() === uri.toString());
      diffShown = !!tab;
      assert.equal(plan.description, 'replace applyTarget.ts');
      const proposal = await vscode.workspace.openTextDocument((tab!.input as vscode.TabInputTextDiff).modified);
      assert.equal(proposal.getText(), 'export const a = 2;\nexport const b = 3;\n');
      return true;
    };
    await host.receive({ method: 'code/apply', code: 'export const a = 2;\nexport const b = 3;\n', language: 'ts', file: 'applyTarget.ts' });
    assert.ok(diffShown, 'the diff was open when the user was asked');
    assert.equal(diffTabs().length, 0, 'the diff closes once answered');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(), 'export const a = 2;\nexport const b = 3;\n');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), 'export const a = 1;\n', 'one undo restores the file');
    await doc.save();
  });

  it('Apply without a named file targets the last editor selection; Discard changes nothing', async () => {
    const uri = await writeFile('applySelection.ts', 'one\ntwo\nthree\n');
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(1, 0, 1, 3);
    api.chat.codeActions.confirmApply = async (plan) => {
      assert.equal(plan.description, 'replace lines 2-2');
      return false;
    };
    await host.receive({ method: 'code/apply', code: 'TWO' });
    assert.equal(editor.document.getText(), 'one\ntwo\nthree\n', 'discarded');
    api.chat.codeActions.confirmApply = () => Promise.resolve(true);
    // A first-line comment naming a file that does not exist: the file is created.
    await host.receive({ method: 'code/apply', code: '// created/byApply.ts\nexport {};\n' });
    const created = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'created', 'byApply.ts'));
    assert.equal(created.getText(), '// created/byApply.ts\nexport {};\n');
    await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(1, 0, 1, 3);
    await host.receive({ method: 'code/apply', code: 'TWO' });
    assert.equal(editor.document.getText(), 'one\nTWO\nthree\n');
  });

  it('Insert at Cursor goes to the last text editor even when the chat has focus, and says so when there is none', async () => {
    const uri = await writeFile('insertTarget.ts', 'const x = 1;\n');
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    host.panel.reveal(vscode.ViewColumn.Beside, false);
    await waitFor(host.panel.onDidChangeViewState, () => host.panel.active, 'the chat panel has focus');
    await host.receive({ method: 'code/insert', code: '// inserted\n' });
    assert.equal(editor.document.getText(), '// inserted\nconst x = 1;\n');
    await editor.document.save();

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The Output panel's editor may stay visible; it is not a place code is inserted.
    assert.deepEqual(vscode.window.visibleTextEditors.map((e) => e.document.uri.scheme).filter((s) => s !== 'output'), []);
    const shown: string[] = [];
    const original = vscode.window.showInformationMessage;
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = (message: string) => {
      shown.push(message);
      return Promise.resolve(undefined);
    };
    try {
      host = await openReadyChatPanel(api);
      const untitledBefore = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
      await host.receive({ method: 'code/insert', code: 'nowhere();' });
      assert.deepEqual(shown, [NO_EDITOR_TO_INSERT]);
      assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, untitledBefore, 'no untitled file was opened');
    } finally {
      (vscode.window as { showInformationMessage: unknown }).showInformationMessage = original;
    }
  });

  it('the context chip reveals and selects its range in the editor', async () => {
    const uri = await writeFile('revealTarget.ts', Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n'));
    await host.receive({ method: 'editor/reveal', uri: uri.toString(), startLine: 6, endLine: 13 });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor!.selection.start.line, 6);
    assert.equal(editor!.selection.end.line, 13);
    assert.equal(editor!.document.getText(editor!.selection), Array.from({ length: 8 }, (_, i) => `line ${i + 7}`).join('\n'));
    // A URI of another kind is not opened.
    await host.receive({ method: 'editor/reveal', uri: 'https://example.test/x.ts', startLine: 0, endLine: 0 });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  });

  it('deleting a message and its reply edits the stored conversation', async () => {
    const id = `conv-delete-${Date.now()}`;
    await api.chat.history.save({
      v: 1,
      id,
      title: 'first',
      createdAt: 1,
      updatedAt: 1,
      turns: [
        { role: 'user', text: 'first' },
        { role: 'assistant', text: 'A1' },
        { role: 'user', text: 'second' },
        { role: 'assistant', text: 'A2' },
      ],
    });
    await host.receive({ method: 'chat/deleteTurns', conversationId: id, fromTurn: 0, count: 2 });
    assert.deepEqual(api.chat.history.get(id)?.turns.map((t) => t.text), ['second', 'A2']);
    await host.receive({ method: 'chat/deleteTurns', conversationId: 'no-such-chat', fromTurn: 0, count: 2 });
  });

  it('a message sent while the webview handshake still runs keeps its streaming reply (no reload of its conversation)', async () => {
    const id = `conv-race-${Date.now()}`;
    await api.chat.history.save({ v: 1, id, title: 'earlier', createdAt: 1, updatedAt: 1, turns: [{ role: 'user', text: 'earlier' }, { role: 'assistant', text: 'A' }] });
    await host.receive({ method: 'history/open', conversationId: id });
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    try {
      // The webview reloads and the user sends before the host has answered its ready.
      const ready = host.receive({ method: 'webview/ready' });
      await host.receive({ method: 'chat/send', requestId: 'race-1', conversationId: id, text: 'sent during the handshake' });
      await ready;
      await waitFor(host.onDidPost, () => posts.some((m) => m.method === 'chat/end' && m.requestId === 'race-1'), 'the reply to end');
      assert.deepEqual(posts.filter((m) => m.method === 'history/load'), [], 'the streaming reply is not replaced by the stored conversation');
      assert.deepEqual(api.chat.history.get(id)?.turns.map((t) => t.role), ['user', 'assistant', 'user', 'assistant']);
    } finally {
      sub.dispose();
    }
  });

  it('code blocks get the colour theme’s token colours (keyword and string differ in Dark Modern) and follow a theme change', async () => {
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    const colorsPosted = (): TokenColors | undefined => {
      const m = posts.filter((p) => p.method === 'theme/tokenColors').at(-1);
      return m?.method === 'theme/tokenColors' ? m.colors : undefined;
    };
    try {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
      const light = await waitFor(host.onDidPost, () => colorsPosted()?.string === '#a31515' && colorsPosted(), 'Light Modern token colours');
      posts.length = 0;
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
      const dark = await waitFor(host.onDidPost, () => colorsPosted()?.string?.toLowerCase() === '#ce9178' && colorsPosted(), 'Dark Modern token colours');
      assert.equal(dark.keyword?.toLowerCase(), '#569cd6');
      assert.notEqual(dark.keyword, dark.string, 'keywords and strings differ');
      assert.notEqual(light.keyword, dark.keyword, 'the theme change reached the webview');
      assert.ok(dark.comment && dark.number && dark['title-function'], 'comments, numbers and function names are coloured too');
    } finally {
      sub.dispose();
    }
  });
});
