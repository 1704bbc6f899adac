// Runs a command the model wrote, after the user approved it as shown (verbatim, in the approval
// label), in a "Bedrock Agent" terminal the user can watch. Output and exit code come from shell
// integration; without it the command is not run, since its result could not be reported. The
// command text is handed to the shell as is: we never build another command line around it.
import * as vscode from 'vscode';
import { StoppedBeforeActing } from '../../../core/agent/actGuard';
import type { AgentTool, ToolInvocationContext, ToolOutcome } from '../../../core/agent/agentTool';
import { defineTool, ToolRefusal } from '../../../core/agent/defineTool';
import { capResult, optionalInteger, requiredString, ToolInputError } from '../../../core/agent/toolText';
import { cleanTerminalOutput, OutputKeeper } from '../../../core/agent/terminalOutput';
import { showWarningMessage } from '../../notify';

const TERMINAL_NAME = 'Bedrock Agent';
const DEFAULT_TIMEOUT_SECONDS = 60;
const MAX_TIMEOUT_SECONDS = 600;
/** How long a new terminal's shell gets to report shell integration. */
const SHELL_START_MS = 10_000;
/** After Ctrl+C, how long the command gets to end before we report it as still running. */
const INTERRUPT_GRACE_MS = 3_000;

export class AgentTerminals implements vscode.Disposable {
  private readonly busy = new Set<vscode.Terminal>();
  private readonly ours = new Set<vscode.Terminal>();
  private readonly subscription = vscode.window.onDidCloseTerminal((t) => {
    this.ours.delete(t);
    this.busy.delete(t);
  });

  /** An idle agent terminal, or a new one (parallel commands each get their own). */
  acquire(): vscode.Terminal {
    const idle = [...this.ours].find((t) => !this.busy.has(t) && t.exitStatus === undefined);
    const terminal = idle ?? this.create();
    this.busy.add(terminal);
    return terminal;
  }

  release(terminal: vscode.Terminal): void {
    this.busy.delete(terminal);
  }

  /** A terminal whose command did not end after Ctrl+C: left to the user, never reused. */
  retire(terminal: vscode.Terminal): void {
    this.busy.delete(terminal);
    this.ours.delete(terminal);
  }

  private create(): vscode.Terminal {
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = this.ours.size ? `${TERMINAL_NAME} ${this.ours.size + 1}` : TERMINAL_NAME;
    const terminal = vscode.window.createTerminal({ name, cwd, iconPath: new vscode.ThemeIcon('hubot') });
    this.ours.add(terminal);
    return terminal;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const t of this.ours) t.dispose();
  }
}

export function terminalTool(terminals: AgentTerminals): AgentTool {
  return defineTool({
    name: 'run_in_terminal',
    title: 'Run in terminal',
    kind: 'terminal',
    // The user may correct the command in the approval; what runs is what they allowed.
    editableField: 'command',
    description:
      'Runs a shell command in a terminal at the workspace root, after the user approves it (the user may edit it first; the result then says what ran), and returns its output and exit code. Use it to build, test, or inspect the project. The command should end on its own (no watch modes or servers); it is stopped with Ctrl+C after timeoutSeconds.',
    inputSchema: {
      type: 'object',
      properties: {
        command: { type: 'string', description: 'The command line to run, e.g. "npm test".' },
        timeoutSeconds: { type: 'integer', minimum: 1, maximum: MAX_TIMEOUT_SECONDS, description: `Stop the command after this many seconds. Default ${DEFAULT_TIMEOUT_SECONDS}.` },
      },
      required: ['command'],
    },
    // Verbatim: what the user approves is exactly what runs.
    describe: (o) => `Run \`${typeof o.command === 'string' ? o.command : ''}\``,
    async run(o, context) {
      const command = requiredString(o, 'command', 'npm test');
      if (/[\r\n]/.test(command.trim())) throw new ToolInputError('"command" must be one line; join steps with && or run them one at a time.');
      const timeoutSeconds = optionalInteger(o, 'timeoutSeconds', 1, MAX_TIMEOUT_SECONDS) ?? DEFAULT_TIMEOUT_SECONDS;
      const terminal = terminals.acquire();
      try {
        terminal.show(true);
        const integration = await shellIntegrationOf(terminal, context.signal);
        // Stopped while the shell started: nothing was sent, and there is nothing to warn about.
        if (context.signal.aborted) throw new StoppedBeforeActing();
        if (!integration) {
          const problem = `The ${terminal.name} terminal has no shell integration (its shell does not support it, or it is turned off in "terminal.integrated.shellIntegration.enabled"), so the command's output and exit code cannot be captured.`;
          void showWarningMessage(`${problem} The agent did not run \`${command}\`; run it yourself if you want it.`);
          throw new ToolRefusal(`${problem} The command was not run. Tell the user, or continue without running it.`);
        }
        const { outcome, finished } = await execute(terminal, integration, command.trim(), timeoutSeconds, context, context.maxResultBytes);
        if (!finished) terminals.retire(terminal);
        return outcome;
      } finally {
        terminals.release(terminal);
      }
    },
  });
}

function shellIntegrationOf(terminal: vscode.Terminal, signal: AbortSignal): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const done = (value: vscode.TerminalShellIntegration | undefined) => {
      clearTimeout(timer);
      sub.dispose();
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(undefined);
    const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal === terminal) done(e.shellIntegration);
    });
    const timer = setTimeout(() => done(terminal.shellIntegration), SHELL_START_MS);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function execute(terminal: vscode.Terminal, integration: vscode.TerminalShellIntegration, command: string, timeoutSeconds: number, context: ToolInvocationContext, maxBytes: number): Promise<{ outcome: ToolOutcome; finished: boolean }> {
  const { signal } = context;
  const output = new OutputKeeper(maxBytes);
  let ended: ((code: number | undefined) => void) | undefined;
  const end = new Promise<number | undefined>((resolve) => (ended = resolve));
  let execution: vscode.TerminalShellExecution | undefined;
  const endSub = vscode.window.onDidEndTerminalShellExecution((e) => {
    if (e.execution === execution) ended?.(e.exitCode);
  });
  let stopReason: string | undefined;
  let stopped: (() => void) | undefined;
  const stoppedNow = new Promise<'stopped'>((resolve) => (stopped = () => resolve('stopped')));
  const interrupt = (why: string) => {
    if (stopReason) return;
    stopReason = why;
    terminal.sendText('\x03', false);
    stopped?.();
  };
  const onAbort = () => interrupt('stopped by the user');
  let timer: NodeJS.Timeout | undefined;
  const timers: NodeJS.Timeout[] = [];
  const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => timers.push(setTimeout(resolve, ms, value)));
  try {
    // Sent only if the turn is still running; from here a Stop interrupts the command with Ctrl+C.
    execution = context.act(() => integration.executeCommand(command));
    signal.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => interrupt(`still running after ${timeoutSeconds} s, so it was stopped (Ctrl+C)`), timeoutSeconds * 1000);
    const started = execution;
    const reading = (async () => {
      for await (const chunk of started.read()) output.add(chunk);
    })();
    let exitCode: number | undefined;
    let finished = true;
    const first = await Promise.race([end, stoppedNow]);
    if (first !== 'stopped') exitCode = first;
    else {
      // Interrupted: give the command a moment to end after Ctrl+C.
      const r = await Promise.race([end, after(INTERRUPT_GRACE_MS, 'grace' as const)]);
      if (r === 'grace') finished = false;
      else exitCode = r;
    }
    // The last output can arrive just after the end event.
    if (finished) await Promise.race([reading, after(500, undefined)]);
    const text = cleanTerminalOutput(output.text());
    const status = stopReason
      ? `The command was ${stopReason}${finished ? '' : ' and had not ended 3 s later'}.`
      : exitCode === undefined
        ? 'It ended; the shell did not report an exit code.'
        : `Exit code ${exitCode}.`;
    const body = `Ran \`${command}\` in the ${terminal.name} terminal. ${status}${output.cut ? ' (The middle of the output was cut to fit.)' : ''}\nOutput:\n${text.trim() || '(no output)'}`;
    const capped = capResult(body, maxBytes, 'Run a narrower command or filter its output.');
    return { outcome: { text: capped.text, truncated: capped.truncated || output.cut }, finished };
  } finally {
    clearTimeout(timer);
    timers.forEach(clearTimeout);
    endSub.dispose();
    signal.removeEventListener('abort', onAbort);
  }
}
