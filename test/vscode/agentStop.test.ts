// Stop is final, in a real extension host against the emulator: Stop while a proposed edit waits
// for its approval withdraws the question (the step leaves its waiting state as stopped, the diff
// preview closes), and nothing changes on disk or in the open document, not even when an answer
// comes in afterwards. An edit or file creation stopped while it is still being planned applies
// nothing either: the tools check the Stop at the moment they would change the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import { NOT_RUN_STOPPED_ASKING } from '../../src/core/agent/toolCall';
import { TurnCheckpoint } from '../../src/core/agent/turnCheckpoint';
import { PROPOSED_SCHEME } from '../../src/vscode/agent/proposedChanges';
import type { AgentRestoredMessage, ChatToolMessage, HostToWebviewMessage } from '../../src/shared/protocol';
import type { Scenario } from '../emulator/scenario';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, setScenario } from './emulatorClient';
import { toolContext } from './toolContext';
import { waitFor } from './waitFor';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const FOLDER = 'agent-stop';
const EDITED = `${FOLDER}/edit.ts`;
const CREATED = `${FOLDER}/created.ts`;
const BEFORE = 'export const answer = 41;\n';

const scenario: Scenario = {
  rules: [
    {
      match: { promptIncludes: 'stop-turn' },
      reply: { agent: { steps: [{ text: 'Editing.', toolCalls: [{ name: 'propose_edit', input: { path: EDITED, oldText: 'answer = 41', newText: 'answer = 42' } }] }], answer: 'Done.' } },
    },
  ],
};

describe('agent Stop: nothing is applied after the turn was stopped (extension host, emulator)', function () {
  this.timeout(60_000);
  let api: WorkbenchApi;
  let host: ChatPanelHost<vscode.WebviewPanel>;
  const posts: HostToWebviewMessage[] = [];
  const uri = (rel: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...rel.split('/'));
  const onDisk = (rel: string) => vscode.workspace.fs.readFile(uri(rel)).then((b) => new TextDecoder().decode(b), () => undefined);
  const previews = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PROPOSED_SCHEME);
  const onTabs = (l: () => void) => vscode.window.tabGroups.onDidChangeTabs(l);

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    await vscode.commands.executeCommand('bedrock.openChatInEditor');
    host = api.chat.panelForTests()!;
    await waitFor(host.onDidPost, () => host.isReady, 'the webview ready handshake');
    host.onDidPost((m) => posts.push(m));
  });
  beforeEach(async () => {
    await clearEmulator();
    await setScenario(scenario);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(EDITED).toString());
    assert.ok(!open || (open.getText() === BEFORE && !open.isDirty), 'each test leaves the file as it found it');
    if (!open) await vscode.workspace.fs.writeFile(uri(EDITED), new TextEncoder().encode(BEFORE));
    await vscode.workspace.fs.delete(uri(CREATED)).then(undefined, () => undefined);
  });
  after(async () => {
    await setScenario({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri(FOLDER), { recursive: true }).then(undefined, () => undefined);
  });

  it('Stop while an edit waits for approval: the question is withdrawn, the preview closes, and the file and its document stay as they were', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(EDITED));
    const requestId = 'stop-1';
    const replied = host.receive({ method: 'chat/send', requestId, conversationId: `stop-${Date.now()}`, text: 'Please do the stop-turn.', modelId: MODEL, agent: true });
    const asking = await waitFor(
      host.onDidPost,
      () => posts.find((m): m is ChatToolMessage => m.method === 'chat/tool' && m.requestId === requestId && m.tool.status === 'awaitingApproval')?.tool,
      'the edit to wait for approval',
    );
    assert.equal(asking.name, 'propose_edit');
    await waitFor(onTabs, () => previews().length === 1, 'the proposed edit shown as a diff');

    await host.receive({ method: 'chat/cancel', requestId });
    await replied;
    const tool = posts.filter((m): m is ChatToolMessage => m.method === 'chat/tool' && m.requestId === requestId && m.tool.id === asking.id).map((m) => m.tool);
    assert.deepEqual(tool.map((t) => t.status), ['requested', 'awaitingApproval', 'cancelled'], 'the approval leaves its waiting state as stopped');
    assert.equal(tool.at(-1)?.result, NOT_RUN_STOPPED_ASKING);
    const last = posts.filter((m) => 'requestId' in m && m.requestId === requestId).at(-1);
    assert.equal(last?.method === 'chat/error' && last.error.kind, 'cancelled');
    await waitFor(onTabs, () => previews().length === 0, 'the preview to close');

    // An answer that comes in after the Stop runs nothing.
    await host.receive({ method: 'agent/approve', requestId, toolId: asking.id, decision: 'once' });
    assert.equal(doc.getText(), BEFORE);
    assert.equal(doc.isDirty, false);
    assert.equal(await onDisk(EDITED), BEFORE);
    assert.equal(posts.filter((m) => 'requestId' in m && m.requestId === requestId).at(-1), last, 'nothing posted after the end');

    // Nothing changed, so there is nothing to restore.
    await host.receive({ method: 'agent/restore', requestId });
    const restored = await waitFor(host.onDidPost, () => posts.find((m): m is AgentRestoredMessage => m.method === 'agent/restored' && m.requestId === requestId), 'the restore answer');
    assert.equal(restored.outcome, 'unavailable');
  });

  it('an edit and a file creation stopped while they are planned apply nothing, and say so', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(EDITED));
    const tool = (name: string) => api.agentTools.builtins.find((b) => b.name === name)!;
    const checkpoint = new TurnCheckpoint('stop-direct', 'chat-stop');
    const stoppedWhilePlanning = async (name: string, input: Record<string, unknown>) => {
      const stop = new AbortController();
      // The tool first resolves the path and reads the file (awaits): the Stop lands there.
      const pending = tool(name).invoke(input, toolContext({ signal: stop.signal, conversationId: 'chat-stop', checkpoint }));
      stop.abort();
      return pending;
    };
    const edit = await stoppedWhilePlanning('propose_edit', { path: EDITED, oldText: 'answer = 41', newText: 'answer = 42' });
    assert.equal(edit.isError, true);
    assert.match(edit.text, /stopped before this call changed anything/);
    const created = await stoppedWhilePlanning('create_file', { path: CREATED, content: 'export {};\n' });
    assert.equal(created.isError, true);
    assert.match(created.text, /stopped before this call changed anything/);

    assert.equal(doc.getText(), BEFORE);
    assert.equal(doc.isDirty, false);
    assert.equal(await onDisk(EDITED), BEFORE);
    assert.equal(await onDisk(CREATED), undefined);
    assert.equal(checkpoint.changed, false);
  });
});
