// The agent's terminal tool in a real extension host: the command runs as written in the "Bedrock
// Agent" terminal through shell integration, with its output and exit code, a time limit, Stop,
// and a clear refusal when the terminal has no shell integration.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { EXTENSION_ID } from './extensionId';
import { toolContext } from './toolContext';

describe('agent terminal tool (extension host)', () => {
  let api: WorkbenchApi;
  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
  });
  const run = (input: unknown) =>
    api.agentTools.builtins.find((t) => t.name === 'run_in_terminal')!.invoke(input, toolContext({ conversationId: 'chat-t', maxResultBytes: 20_000 }));

  it('runs the command as written in the Bedrock Agent terminal and reports output and exit code', async function () {
    this.timeout(60_000);
    const command = 'echo agent-$((40+2)); (exit 3)';
    assert.equal(api.agentTools.builtins.find((t) => t.name === 'run_in_terminal')!.describe({ command }), 'Run `echo agent-$((40+2)); (exit 3)`');
    const r = await run({ command });
    assert.ok(!r.isError, r.text);
    assert.match(r.text, /^Ran `echo agent-\$\(\(40\+2\)\); \(exit 3\)` in the Bedrock Agent terminal\. Exit code 3\./);
    assert.match(r.text, /\nagent-42/);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'Bedrock Agent'), 'the terminal is there for the user to see');
  });

  it('stops a command at its time limit and says so', async function () {
    this.timeout(60_000);
    const r = await run({ command: 'echo started; sleep 30', timeoutSeconds: 1 });
    assert.match(r.text, /still running after 1 s, so it was stopped \(Ctrl\+C\)/);
    assert.match(r.text, /started/);
  });

  it('Stop interrupts the running command and says so', async function () {
    this.timeout(60_000);
    const stop = new AbortController();
    const tool = api.agentTools.builtins.find((t) => t.name === 'run_in_terminal')!;
    const closed = vscode.window.onDidStartTerminalShellExecution((e) => {
      if (e.execution.commandLine.value.includes('sleep 40')) stop.abort();
    });
    try {
      const r = await tool.invoke({ command: 'echo waiting; sleep 40' }, toolContext({ signal: stop.signal, conversationId: 'chat-t', maxResultBytes: 20_000 }));
      assert.match(r.text, /The command was stopped by the user/);
    } finally {
      closed.dispose();
    }
  });

  it('without shell integration the command is not run, and the model and the user are told', async function () {
    this.timeout(60_000);
    const warnings: string[] = [];
    const original = vscode.window.showWarningMessage;
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async (message: string) => {
      warnings.push(message);
      return undefined;
    };
    const agentTerminals = vscode.window.terminals.filter((t) => t.name.startsWith('Bedrock Agent'));
    const allClosed = new Promise<void>((resolve) => {
      const left = new Set(agentTerminals);
      if (!left.size) resolve();
      const sub = vscode.window.onDidCloseTerminal((t) => {
        left.delete(t);
        if (!left.size) {
          sub.dispose();
          resolve();
        }
      });
    });
    agentTerminals.forEach((t) => t.dispose());
    await allClosed;
    await vscode.workspace.getConfiguration('terminal.integrated').update('shellIntegration.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const r = await run({ command: 'touch should-not-exist.txt' });
      assert.equal(r.isError, true);
      assert.match(r.text, /has no shell integration .* so the command's output and exit code cannot be captured\. The command was not run\./);
      assert.match(warnings.join('\n'), /The agent did not run `touch should-not-exist\.txt`/);
      const made = await vscode.workspace.fs.stat(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'should-not-exist.txt')).then(() => true, () => false);
      assert.equal(made, false);
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
      await vscode.workspace.getConfiguration('terminal.integrated').update('shellIntegration.enabled', undefined, vscode.ConfigurationTarget.Global);
      vscode.window.terminals.filter((t) => t.name.startsWith('Bedrock Agent')).forEach((t) => t.dispose());
    }
  });

  it('refuses a multi-line command', async () => {
    const r = await run({ command: 'echo a\nrm -rf /' });
    assert.equal(r.isError, true);
    assert.match(r.text, /must be one line/);
  });
});
