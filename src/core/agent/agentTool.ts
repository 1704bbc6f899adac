// What the agent loop needs from a tool, whatever provides it: the built-in workspace tools, the
// tools other extensions and MCP servers register with VS Code, or a test's fixture. No vscode
// here: the loop, the approval gate and the limits are plain code, tested in node.

/**
 * What a tool does, which decides its default approval policy and whether it is offered in a
 * workspace the user has not trusted: `read` tools only look; the others change files, run
 * commands or do what another extension decides.
 */
export type ToolKind = 'read' | 'edit' | 'create' | 'terminal' | 'external';

export const TOOL_KINDS: readonly ToolKind[] = ['read', 'edit', 'create', 'terminal', 'external'];

/** `ask` every call; `askOncePerChat`: the first call in a chat asks, later ones run; `allow`: never ask. */
export type ApprovalPolicy = 'ask' | 'askOncePerChat' | 'allow';

/** The user's answer to an approval request. */
export type ApprovalDecision = 'once' | 'chat' | 'deny';

/** An answer that also carries the value the user gave the tool's editable field (see `AgentTool.editableField`). */
export interface ApprovalAnswer {
  decision: ApprovalDecision;
  /** The field's new value, sent only when the user changed it. */
  edited?: string;
}

/** Where a tool comes from; shown in the tool picker. */
export type ToolSource = 'builtin' | 'extension';

export interface ToolInvocationContext {
  /** Aborted on Stop, on cancel and when the chat closes: the tool stops what it runs. */
  signal: AbortSignal;
  /** The chat the call belongs to (per-chat approvals and per-file allowances key on it). */
  conversationId: string;
  /** The most bytes of result text the model will see; a tool may stop producing beyond it. */
  maxResultBytes: number;
  /** The turn's checkpoint: a tool that changes a file records its earlier state here first (absent in tests that do not restore). */
  checkpoint?: ChangeRecorder;
  /**
   * Runs `change`, the one step that alters the workspace or starts something (a workspace edit, a
   * file creation, a command sent to a terminal), unless the turn was stopped: then it throws
   * `StoppedBeforeActing` and nothing is done. Call it at the last moment, with no wait between it
   * and the change, and record the checkpoint inside it. Once it ran, Stop lets the tool finish, so
   * its result says what it did.
   */
  act<T>(change: () => T): T;
}

/** A file as a tool found it just before changing it. `unreadable`: not text (binary, say), so no copy can be kept, and why. */
export type FileBefore = { readonly exists: false } | { readonly exists: true; readonly text: string } | { readonly exists: true; readonly unreadable: string };

/** Where a tool that changes files records them, so the turn can be restored (the turn's checkpoint). */
export interface ChangeRecorder {
  /** Just before a change, with no wait since reading `before`; returns a sentence for the result when the file cannot be restored. */
  before(key: string, path: string, before: FileBefore): string | undefined;
  /** The change was applied; `after` is the file as the tool left it. */
  after(key: string, after: { readonly exists: false } | { readonly exists: true; readonly text: string }): void;
}

/** A tool's answer: what the model reads. `isError` marks a failure the model should see as one. */
export interface ToolOutcome {
  text: string;
  isError?: boolean;
  /** The tool already cut its result to `maxResultBytes` (and said so in the text). */
  truncated?: boolean;
}

export interface AgentTool {
  /** Unique, `[A-Za-z0-9_-]{1,64}` (the strictest API's rule), stable across versions. */
  readonly name: string;
  /** What the model reads to decide when to call it. */
  readonly description: string;
  /** JSON schema of the input, as the tool declares it (the loop normalizes it per provider). */
  readonly inputSchema: Record<string, unknown>;
  readonly kind: ToolKind;
  readonly source: ToolSource;
  /** A short label for the tool picker ("Read file"). */
  readonly title: string;
  /**
   * One line naming what this call does, for the step block and the approval ("Read
   * src/cache.ts:1-40", "Run `npm test`"). Must not throw on malformed input.
   */
  describe(input: unknown): string;
  /**
   * Runs the call. Malformed input and refusals (outside the workspace, a secret file) resolve
   * with `isError`, never throw; a throw is reported to the model as a failure too.
   */
  invoke(input: unknown, context: ToolInvocationContext): Promise<ToolOutcome>;
  /**
   * Shows the user what the call would do before they are asked to approve it (a proposed edit as
   * a diff, a new file's content), so "Allow" is an informed answer. The approval gate calls it
   * only when it is about to ask, and disposes what it returns once the user answered (closing
   * the preview). Changes nothing; a failure here must not stop the approval.
   */
  preview?(input: unknown): Promise<{ dispose(): void } | undefined>;
  /**
   * A string field of the input the user may change in the approval before allowing the call
   * (the terminal's `command`). The call then runs with the user's value, and the model is told
   * what it proposed and what ran.
   */
  readonly editableField?: string;
}

/** Acting tools change the workspace or run things: they are not offered in Restricted Mode. */
export function isActingKind(kind: ToolKind): boolean {
  return kind !== 'read';
}

/** The default policy of a kind when the user set none: reading is allowed, everything else asks. */
export function defaultPolicy(kind: ToolKind): ApprovalPolicy {
  return kind === 'read' ? 'allow' : 'ask';
}
