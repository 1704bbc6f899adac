// The approval round trip in a real extension host, against the emulator: an agent reply's acting
// call (create_file) waits for the user; the answer comes in through the host's webview message
// path (`agent/approve`, as the webview's Allow once / Allow for this chat / Deny buttons post
// it), and the tool runs or does not. The answer is taken exactly once: a second answer for the
// same call, during the reply or after it ended, changes nothing and is no error. A terminal
// command edited in the approval runs as edited, and the model is told.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import type { ApprovalDecision } from '../../src/core/agent/agentTool';
import type { ChatToolMessage, HostToWebviewMessage, WireToolCall } from '../../src/shared/protocol';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { openReadyChatPanel } from './chatPanelReady';
import { waitFor } from './waitFor';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
// With no scenario, the emulator calls a tool the prompt names, with sample arguments from its
// schema: create_file gets { path: "sample-path", content: "sample-content" }.
const PROMPT = 'Please use create_file for me.';
const CREATED = 'sample-path';
const DENIED = /^The user denied this call\./;

describe('agent approvals: the webview answer reaches the approval gate (extension host, emulator)', function () {
  this.timeout(60_000);
  let api: WorkbenchApi;
  let host: ChatPanelHost<vscode.WebviewPanel>;
  const posts: HostToWebviewMessage[] = [];
  const warnings: string[] = [];
  let restoreLog: () => void;
  const created = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, CREATED);
  const exists = () => vscode.workspace.fs.stat(created()).then(() => true, () => false);
  const removeCreated = () => vscode.workspace.fs.delete(created()).then(undefined, () => undefined);
  /** Every state the host posted for tool call `toolId` of reply `requestId`, in order. */
  const statuses = (requestId: string, toolId: string) =>
    posts.flatMap((m) => (m.method === 'chat/tool' && m.requestId === requestId && m.tool.id === toolId ? [m.tool.status] : []));
  const postsFor = (requestId: string) => posts.filter((m) => 'requestId' in m && m.requestId === requestId);

  /** Sends an agent-mode message as the webview does; resolves when the reply has ended. */
  const send = (requestId: string, conversationId: string, text = PROMPT) => host.receive({ method: 'chat/send', requestId, conversationId, text, modelId: MODEL, agent: true });
  /** The first call of reply `requestId` posted with `status` (any status when undefined). */
  const call = (requestId: string, status?: WireToolCall['status']) =>
    waitFor(
      host.onDidPost,
      () => posts.find((m): m is ChatToolMessage => m.method === 'chat/tool' && m.requestId === requestId && (!status || m.tool.status === status))?.tool,
      `a ${status ?? ''} tool call in ${requestId}`,
    );
  const asked = (requestId: string) => call(requestId, 'awaitingApproval');
  /** What the webview posts when the user clicks a button of the approval. */
  const answer = (requestId: string, asking: WireToolCall, decision: ApprovalDecision, edited?: string) =>
    host.receive({ method: 'agent/approve', requestId, toolId: asking.id, decision, ...(edited !== undefined ? { edited } : {}) });
  /** The tool result the model was sent for `toolId`, from the emulator's request log. */
  async function resultSentToModel(toolId: string): Promise<{ text: string; status?: string }> {
    for (const r of (await recordedRequests()).reverse()) {
      const messages = (r.body as { messages?: Array<{ content?: Array<{ toolResult?: { toolUseId: string; status?: string; content: Array<{ text?: string }> } }> }> })?.messages ?? [];
      for (const part of messages.flatMap((m) => m.content ?? [])) {
        if (part.toolResult?.toolUseId === toolId) return { text: part.toolResult.content.map((c) => c.text ?? '').join(''), status: part.toolResult.status };
      }
    }
    assert.fail(`no request carried a result for ${toolId}`);
  }

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    host = await openReadyChatPanel(api);
    host.onDidPost((m) => posts.push(m));
    // The host reports a message it failed to handle to the log: that is the "error" a stray answer must not cause.
    const log = api.log as { warn: (...a: unknown[]) => void; error: (...a: unknown[]) => void };
    const { warn, error } = log;
    const note = (line: unknown) => /agent\/approve/.test(String(line)) && warnings.push(String(line));
    log.warn = (...a) => (note(a[0]), warn.apply(api.log, a));
    log.error = (...a) => (note(a[0]), error.apply(api.log, a));
    restoreLog = () => Object.assign(log, { warn, error });
  });
  beforeEach(async () => {
    await clearEmulator();
    await removeCreated();
    warnings.length = 0;
  });
  after(async () => {
    restoreLog?.();
    await removeCreated();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Allow once: the tool runs after the answer, once; a second answer (Deny) is ignored; the next call asks again', async () => {
    const conversationId = `approve-once-${Date.now()}`;
    const done = send('once-1', conversationId);
    const asking = await asked('once-1');
    assert.equal(asking.name, 'create_file');
    assert.equal(await exists(), false, 'nothing runs while the user is asked');
    await answer('once-1', asking, 'once');
    await answer('once-1', asking, 'deny');
    await done;
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(created())), 'sample-content');
    assert.deepEqual(statuses('once-1', asking.id), ['requested', 'awaitingApproval', 'running', 'done']);
    assert.equal(postsFor('once-1').at(-1)?.method, 'chat/end');
    const sent = await resultSentToModel(asking.id);
    assert.match(sent.text, /^Created sample-path/);
    assert.notEqual(sent.status, 'error');

    // After the reply ended, a late answer posts nothing and runs nothing.
    const before = postsFor('once-1').length;
    await removeCreated();
    await answer('once-1', asking, 'once');
    assert.equal(postsFor('once-1').length, before);
    assert.equal(await exists(), false);
    assert.deepEqual(warnings, [], 'a stray answer is no error');

    // "Once" is not remembered: the same tool in the same chat asks again.
    const again = send('once-2', conversationId);
    const second = await asked('once-2');
    await answer('once-2', second, 'deny');
    await again;
    assert.deepEqual(statuses('once-2', second.id), ['requested', 'awaitingApproval', 'denied']);
    assert.equal(await exists(), false);
  });

  it('Deny: the tool does not run, the model is told, and a second answer (Allow once) cannot run it', async () => {
    const done = send('deny-1', `approve-deny-${Date.now()}`);
    const asking = await asked('deny-1');
    await answer('deny-1', asking, 'deny');
    await answer('deny-1', asking, 'once');
    await done;
    assert.equal(await exists(), false, 'the denied call never ran');
    assert.deepEqual(statuses('deny-1', asking.id), ['requested', 'awaitingApproval', 'denied']);
    const sent = await resultSentToModel(asking.id);
    assert.match(sent.text, DENIED);
    assert.equal(sent.status, 'error');
    assert.equal(postsFor('deny-1').at(-1)?.method, 'chat/end', 'the reply goes on to its answer');
    assert.deepEqual(warnings, []);
  });

  it('Allow for this chat: the tool runs, and its next call in that chat runs without asking; another chat asks', async () => {
    const conversationId = `approve-chat-${Date.now()}`;
    const first = send('chat-1', conversationId);
    const asking = await asked('chat-1');
    await answer('chat-1', asking, 'chat');
    await answer('chat-1', asking, 'chat');
    await first;
    assert.equal(await exists(), true);
    assert.deepEqual(statuses('chat-1', asking.id), ['requested', 'awaitingApproval', 'running', 'done']);

    await removeCreated();
    const second = send('chat-2', conversationId);
    const next = await call('chat-2');
    await second;
    assert.deepEqual(statuses('chat-2', next.id), ['requested', 'running', 'done'], 'not asked again in this chat');
    assert.equal(await exists(), true);

    await removeCreated();
    const other = send('chat-3', `approve-other-${Date.now()}`);
    const elsewhere = await asked('chat-3');
    await answer('chat-3', elsewhere, 'deny');
    await other;
    assert.equal(await exists(), false, 'another chat asked, and was denied');
    assert.deepEqual(warnings, []);
  });

  it('a terminal command edited in the approval runs as edited, and the model is told what it proposed and what ran', async function () {
    this.timeout(90_000);
    // The emulator's sample call is { command: "sample-command" }; the user corrects it.
    const done = send('edit-1', `approve-edit-${Date.now()}`, 'Please use run_in_terminal for me.');
    const asking = await asked('edit-1');
    assert.equal(asking.name, 'run_in_terminal');
    assert.equal(JSON.parse(asking.input).command, 'sample-command');
    await answer('edit-1', asking, 'once', 'echo edited-$((40+2))');
    await done;
    assert.deepEqual(statuses('edit-1', asking.id), ['requested', 'awaitingApproval', 'running', 'done']);
    const running = posts.find((m): m is ChatToolMessage => m.method === 'chat/tool' && m.requestId === 'edit-1' && m.tool.status === 'running');
    assert.equal(running?.tool.label, 'Run `echo edited-$((40+2))`', 'the step names what runs');
    const sent = await resultSentToModel(asking.id);
    assert.match(sent.text, /^The user edited the command before allowing it\. You proposed: sample-command\nWhat ran instead: echo edited-\$\(\(40\+2\)\)\n\nRan `echo edited-\$\(\(40\+2\)\)` in the Bedrock Agent terminal\. Exit code 0\./);
    assert.match(sent.text, /\nedited-42/, 'the edited command is what the shell ran');
    assert.deepEqual(warnings, []);
    vscode.window.terminals.filter((t) => t.name.startsWith('Bedrock Agent')).forEach((t) => t.dispose());
  });
});
