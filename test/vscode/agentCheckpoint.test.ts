// Restore of an agent turn in a real extension host, against the emulator: a scripted turn edits
// one file and creates another (both allowed through the webview's approval message); Restore,
// asked through the host's webview message path as the summary line's button posts it, puts the
// edited file back and deletes the created one in one workspace edit, so a single Undo brings the
// agent's edit back. A file the user changed since is restored only when they confirm, and named
// when kept. Every restore request gets exactly one answer.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import type { RestoreChoice } from '../../src/vscode/agent/checkpointRestore';
import { MAX_SNAPSHOT_BYTES, TurnCheckpoint, planRestore, type RestoreStep } from '../../src/core/agent/turnCheckpoint';
import type { AgentRestoredMessage, HostToWebviewMessage } from '../../src/shared/protocol';
import type { Scenario } from '../emulator/scenario';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, setScenario } from './emulatorClient';
import { openReadyChatPanel } from './chatPanelReady';
import { waitFor } from './waitFor';
import { toolContext } from './toolContext';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const FOLDER = 'agent-checkpoint';
const EDITED = `${FOLDER}/edit.ts`;
const CREATED = `${FOLDER}/created.ts`;
const BEFORE = 'export const answer = 41;\nexport const name = "before";\n';
const AGENT = 'export const answer = 42;\nexport const name = "before";\n';
const NEW_FILE = 'export const created = true;\n';

const scenario: Scenario = {
  rules: [
    {
      match: { promptIncludes: 'checkpoint-turn' },
      reply: {
        agent: {
          steps: [
            {
              text: 'Changing both.',
              toolCalls: [
                { name: 'propose_edit', input: { path: EDITED, oldText: 'answer = 41', newText: 'answer = 42' } },
                { name: 'create_file', input: { path: CREATED, content: NEW_FILE } },
              ],
            },
          ],
          answer: 'Done.',
        },
      },
    },
  ],
};

describe('agent checkpoints: Restore puts a turn\'s files back (extension host, emulator)', function () {
  this.timeout(60_000);
  let api: WorkbenchApi;
  let host: ChatPanelHost<vscode.WebviewPanel>;
  const posts: HostToWebviewMessage[] = [];
  const asked: Array<readonly RestoreStep[]> = [];
  let choice: RestoreChoice = 'all';
  const uri = (rel: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...rel.split('/'));
  const onDisk = (rel: string) => vscode.workspace.fs.readFile(uri(rel)).then((b) => new TextDecoder().decode(b), () => undefined);
  const answers = (requestId: string) => posts.filter((m): m is AgentRestoredMessage => m.method === 'agent/restored' && m.requestId === requestId);

  /** Runs the scripted turn, allowing each call once as the approval buttons do; resolves when it ended. */
  async function agentTurn(requestId: string, conversationId: string): Promise<void> {
    const allow = host.onDidPost((m) => {
      if (m.method === 'chat/tool' && m.requestId === requestId && m.tool.status === 'awaitingApproval') {
        // The call is posted as waiting just before its question is registered: answer after that, as the webview's message does.
        const toolId = m.tool.id;
        queueMicrotask(() => void host.receive({ method: 'agent/approve', requestId, toolId, decision: 'once' }));
      }
    });
    try {
      await host.receive({ method: 'chat/send', requestId, conversationId, text: 'Please do the checkpoint-turn.', modelId: MODEL, agent: true });
    } finally {
      allow.dispose();
    }
    const done = posts.filter((m) => m.method === 'chat/tool' && m.requestId === requestId && m.tool.status === 'done').length;
    assert.equal(done, 2, 'both calls ran');
  }

  /** Asks for a restore as the summary line's button does; resolves with the one answer. */
  async function restore(requestId: string): Promise<AgentRestoredMessage> {
    const before = answers(requestId).length;
    await host.receive({ method: 'agent/restore', requestId });
    const answer = await waitFor(host.onDidPost, () => answers(requestId)[before], `the answer to restoring ${requestId}`);
    assert.equal(answers(requestId).length, before + 1, 'exactly one answer');
    return answer;
  }

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    host = await openReadyChatPanel(api);
    host.onDidPost((m) => posts.push(m));
    // The modal, answered as the user would; what it was asked is kept to check.
    api.agentTools.confirmRestore = async (steps) => {
      asked.push(steps);
      return choice;
    };
  });
  /**
   * The file holds `text` on disk and in its open document, if any. An open document is set through an edit and
   * saved rather than by writing the disk under it: that write makes the document reload from disk later, and an
   * edit made against the version the reload replaces is refused.
   */
  async function reset(rel: string, text: string): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(rel).toString());
    if (!doc) {
      await vscode.workspace.fs.writeFile(uri(rel), new TextEncoder().encode(text));
      return;
    }
    for (let attempt = 1; doc.getText() !== text || doc.isDirty; attempt++) {
      assert.ok(attempt <= 5, `${rel} could not be reset: its document kept changing under the edit`);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      if (doc.getText() !== text && !(await vscode.workspace.applyEdit(edit))) continue;
      await doc.save();
    }
  }

  beforeEach(async () => {
    await clearEmulator();
    await setScenario(scenario);
    await reset(EDITED, BEFORE);
    await vscode.workspace.fs.delete(uri(CREATED)).then(undefined, () => undefined);
    asked.length = 0;
    choice = 'all';
  });
  afterEach(async () => {
    await setScenario({});
    // Nothing left unsaved, so closing the editors asks nothing; the chat's own tab stays open.
    for (const d of vscode.workspace.textDocuments) if (d.isDirty && d.uri.path.includes(FOLDER)) await d.save();
    const textTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText || t.input instanceof vscode.TabInputTextDiff);
    await vscode.window.tabGroups.close(textTabs);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri(FOLDER), { recursive: true }).then(undefined, () => undefined);
  });

  it('restores the edited file and deletes the created one in one edit, after one confirmation; one Undo re-applies the agent\'s edit', async () => {
    await agentTurn('cp-1', `checkpoint-${Date.now()}`);
    assert.equal(await onDisk(EDITED), AGENT);
    assert.equal(await onDisk(CREATED), NEW_FILE);

    const answer = await restore('cp-1');
    assert.equal(answer.outcome, 'restored', answer.message);
    assert.deepEqual(answer.restored, [EDITED]);
    assert.deepEqual(answer.deleted, [CREATED]);
    assert.deepEqual(answer.skipped, []);
    assert.equal(asked.length, 1, 'asked once');
    // The two calls ran in parallel: the order they first changed their files is not fixed.
    assert.deepEqual(asked[0]!.map((s) => [s.path, s.action, s.changedSince]).sort(), [[CREATED, 'delete', false], [EDITED, 'write', false]]);
    assert.equal(await onDisk(EDITED), BEFORE, 'saved as it was');
    assert.equal(await onDisk(CREATED), undefined, 'the created file is gone');

    const doc = await vscode.workspace.openTextDocument(uri(EDITED));
    assert.equal(doc.getText(), BEFORE);
    // Undo acts on whatever has the focus: the editor must be active and focused first.
    await vscode.window.showTextDocument(doc, { preserveFocus: false });
    await waitFor((l) => vscode.window.onDidChangeActiveTextEditor(l), () => vscode.window.activeTextEditor?.document === doc, 'the restored file to be the active editor');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('undo');
    await waitFor((l) => vscode.workspace.onDidChangeTextDocument(l), () => doc.getText() === AGENT, 'a single Undo to bring the agent\'s version back', 5_000).catch(() => undefined);
    assert.equal(doc.getText(), AGENT, 'a single Undo brings the agent\'s version back');
  });

  it('a file changed since the turn is kept when the user chooses so, and named; restored when they confirm', async () => {
    await agentTurn('cp-2', `checkpoint-${Date.now()}`);
    const doc = await vscode.workspace.openTextDocument(uri(EDITED));
    const typing = new vscode.WorkspaceEdit();
    typing.insert(doc.uri, new vscode.Position(0, 0), '// mine\n');
    assert.ok(await vscode.workspace.applyEdit(typing));
    await doc.save();

    choice = 'keepChanged';
    const kept = await restore('cp-2');
    assert.equal(kept.outcome, 'restored', kept.message);
    assert.deepEqual(asked[0]!.map((s) => [s.path, s.changedSince]).sort(), [[CREATED, false], [EDITED, true]]);
    assert.deepEqual(kept.deleted, [CREATED]);
    assert.deepEqual(kept.skipped, [{ path: EDITED, why: 'it changed since the turn, and you chose to keep it as it is' }]);
    assert.match(kept.message, /Skipped: agent-checkpoint\/edit\.ts \(it changed since the turn/);
    assert.equal(await onDisk(EDITED), `// mine\n${AGENT}`);

    choice = 'all';
    const all = await restore('cp-2');
    assert.deepEqual(all.restored, [EDITED]);
    assert.equal(await onDisk(EDITED), BEFORE);

    // Everything is as before now: nothing to do, and no question asked.
    const again = await restore('cp-2');
    assert.equal(again.outcome, 'nothing');
    assert.equal(asked.length, 2);
  });

  it('the tools record what Restore goes back to: the first change wins, unsaved typing included; a file over 1 MB or not text is not kept, and the result says so', async () => {
    const tool = (name: string) => api.agentTools.builtins.find((b) => b.name === name)!;
    const checkpoint = new TurnCheckpoint('direct', 'chat-direct');
    const run = async (name: string, input: Record<string, unknown>) => {
      const r = await tool(name).invoke(input, toolContext({ conversationId: 'chat-direct', maxResultBytes: 50_000, checkpoint }));
      assert.ok(!r.isError, r.text);
      return r.text;
    };
    const doc = await vscode.workspace.openTextDocument(uri(EDITED));
    const typing = new vscode.WorkspaceEdit();
    typing.insert(doc.uri, new vscode.Position(0, 0), '// unsaved\n');
    assert.ok(await vscode.workspace.applyEdit(typing));
    assert.doesNotMatch(await run('propose_edit', { path: EDITED, oldText: 'answer = 41', newText: 'answer = 42' }), /Restore/);
    await run('propose_edit', { path: EDITED, oldText: 'answer = 42', newText: 'answer = 43' });
    const [step] = planRestore(checkpoint.changedFiles, () => ({ exists: true, text: doc.getText() }));
    assert.deepEqual([step!.path, step!.action, step!.text, step!.changedSince], [EDITED, 'write', `// unsaved\n${BEFORE}`, false]);

    const big = `${FOLDER}/big.txt`;
    await vscode.workspace.fs.writeFile(uri(big), new TextEncoder().encode(`${'x'.repeat(MAX_SNAPSHOT_BYTES)}\ntail\n`));
    assert.match(await run('propose_edit', { path: big, oldText: 'tail', newText: 'TAIL' }), / No copy of agent-checkpoint\/big\.txt as it was before was kept \(it is larger than 1 MB, too large to keep a copy of\): Restore cannot bring it back\.$/);
    const binary = `${FOLDER}/logo.bin`;
    await vscode.workspace.fs.writeFile(uri(binary), new Uint8Array([0x89, 0x50, 0xff, 0xfe, 0x00]));
    assert.match(await run('create_file', { path: binary, content: 'text now', overwrite: true }), /No copy of agent-checkpoint\/logo\.bin as it was before was kept \(it is not UTF-8 text\)/);
  });

  it('cancelled changes nothing; an unknown turn is answered that no checkpoint is kept', async () => {
    await agentTurn('cp-3', `checkpoint-${Date.now()}`);
    choice = undefined;
    const cancelled = await restore('cp-3');
    assert.equal(cancelled.outcome, 'cancelled');
    assert.equal(await onDisk(EDITED), AGENT);
    assert.equal(await onDisk(CREATED), NEW_FILE);

    const unknown = await restore('never-ran');
    assert.equal(unknown.outcome, 'unavailable');
    assert.match(unknown.message, /^No checkpoint is kept for this turn/);
  });
});
