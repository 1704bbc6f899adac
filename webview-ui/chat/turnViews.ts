// DOM for one turn of the transcript. Assistant text goes only through the streaming markdown
// renderer (sanitized); user text, reasoning, errors and figures only ever become text nodes.
import type { SentVoice } from '../voice/voiceRetry';
import { API_LABELS, type ApiId, type StopReason } from '../../src/shared/coreNames';
import type { ChatContext, PersistedTurn, TurnStats, WireError, WireToolCall } from '../../src/shared/protocol';
import { showCopied } from '../markdown/codeBlock';
import type { ImageTurnOptions } from '../../src/shared/imageProtocol';
import type { StreamingMarkdown } from '../markdown/streamingMarkdown';
import { el } from './dom';
import type { ApproveHandler } from './approvalView';
import { ReplySteps } from './replySteps';
import { RestoreAction } from './turnRestore';
import { formatTurnLine, retryReasonText } from './turnLine';

/** Makes a renderer for one reply; `announce` = put finished blocks in a polite live region. */
export type MarkdownFactory = (announce: boolean) => StreamingMarkdown;

/** Delegated button actions in the transcript (see chatApp's click handler). */
export type TurnAction = 'edit' | 'regenerate' | 'retry' | 'errorAction' | 'copy' | 'delete' | 'reveal';

export const ACTION_ATTR = 'data-chat-action';

function actionButton(action: TurnAction, label: string, extra: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', class: `turn-button turn-${action}`, [ACTION_ATTR]: action, ...extra }, label);
}

/** A codicon button for a message's hover toolbar: the tooltip and the accessible name are the same words. */
function iconButton(action: TurnAction, icon: string, label: string): HTMLButtonElement {
  return el(
    'button',
    { type: 'button', class: `icon-button message-${action}`, [ACTION_ATTR]: action, title: label, 'aria-label': label },
    el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }),
  );
}

/**
 * The actions shown over a message while the pointer is on it or focus is inside it (copy, edit,
 * regenerate, delete). Copy says "Copied" on its button for a moment.
 */
class MessageActions {
  readonly element: HTMLElement;
  private readonly buttons = new Map<TurnAction, HTMLButtonElement>();

  constructor(items: Array<[TurnAction, string, string]>, label: string) {
    for (const [action, icon, text] of items) this.buttons.set(action, iconButton(action, icon, text));
    this.element = el('div', { class: 'message-actions', role: 'toolbar', 'aria-label': label }, ...this.buttons.values());
  }

  /** Actions that change the conversation are hidden while a reply streams. */
  setBusy(busy: boolean): void {
    for (const [action, b] of this.buttons) if (action !== 'copy') b.hidden = busy;
  }

  showCopied(): void {
    const b = this.buttons.get('copy');
    if (b) showCopied(b);
  }
}

/** The chip an editor command's message carries: file and lines; a click reveals them in the editor. */
function contextChip(context: ChatContext): HTMLButtonElement {
  return el(
    'button',
    { type: 'button', class: 'context-chip', [ACTION_ATTR]: 'reveal', title: `Show ${context.label} in the editor`, 'aria-label': `Show ${context.label} in the editor` },
    el('span', { class: 'codicon codicon-file-code', 'aria-hidden': 'true' }),
    el('span', { class: 'context-chip-label' }, context.label),
  );
}

export class UserTurnView {
  readonly element: HTMLElement;
  /** The image options an image turn was sent with (Retry and Edit send them again). */
  imageOptions?: ImageTurnOptions;
  /** How a voice turn was spoken (Retry and Regenerate redo it as a voice turn). */
  voice?: SentVoice;
  readonly actions: MessageActions;
  private readonly resendButton: HTMLButtonElement;

  constructor(
    readonly text: string,
    /** The editor code an Explain or Ask was about, sent again when the message is edited. */
    readonly context?: ChatContext,
  ) {
    this.actions = new MessageActions(
      [
        ['copy', 'copy', 'Copy'],
        ['edit', 'edit', 'Edit and resend (later messages are replaced)'],
        ['delete', 'trash', 'Delete this message and its reply'],
      ],
      'Message actions',
    );
    // A message with no reply after it (the window reloaded mid-stream) can be sent again.
    this.resendButton = actionButton('retry', 'Send Again', { 'aria-label': 'Send this message again' });
    this.resendButton.hidden = true;
    this.element = el(
      'article',
      { class: 'turn turn-user', 'aria-label': 'You said' },
      el('div', { class: 'turn-author' }, 'You'),
      this.actions.element,
      el('div', { class: 'user-text' }, text),
      context ? el('div', { class: 'context-chips' }, contextChip(context)) : undefined,
      el('div', { class: 'turn-actions' }, this.resendButton),
    );
  }

  /** The text to copy: what the user wrote. */
  get copyText(): string {
    return this.text;
  }

  /** Marks the message being edited in the composer. */
  setEditing(editing: boolean): void {
    this.element.classList.toggle('is-editing', editing);
  }

  setLast(isLast: boolean, busy: boolean, unanswered = false): void {
    this.actions.setBusy(busy);
    this.resendButton.hidden = !isLast || busy || !unanswered;
  }
}

export class AssistantTurnView {
  readonly element: HTMLElement;
  private readonly steps: ReplySteps;
  private readonly line: HTMLElement;
  private readonly routeNote: HTMLElement;
  private readonly errorBox: HTMLElement;
  readonly actions: MessageActions;
  private streaming = false;
  /** "model · API" of the route serving the turn, for the line while streaming. */
  private serving = '';
  private waitingFor = '';
  /** A text or reasoning delta has arrived: the line stops saying "waiting for…". */
  private hasContent = false;
  private retryShown = false;
  failed?: WireError;

  constructor(
    makeMarkdown: MarkdownFactory,
    live: boolean,
    onApprove: ApproveHandler = () => undefined,
    /** A live agent turn's Restore; a turn drawn from history gets one that says why it has none. */
    private readonly restore: RestoreAction = new RestoreAction(),
  ) {
    this.steps = new ReplySteps({ makeMarkdown, live, onApprove, restore });
    restore.setRunning(live);
    this.line = el('div', { class: 'turn-line' });
    this.routeNote = el('div', { class: 'turn-route-note' });
    this.routeNote.hidden = true;
    this.errorBox = el('div', { class: 'turn-error', role: 'alert' });
    this.errorBox.hidden = true;
    this.actions = new MessageActions(
      [
        ['copy', 'copy', 'Copy'],
        ['regenerate', 'refresh', 'Regenerate (later messages are replaced)'],
        ['delete', 'trash', 'Delete this reply and its message'],
      ],
      'Reply actions',
    );
    this.element = el(
      'article',
      { class: 'turn turn-assistant', 'aria-label': 'Assistant replied' },
      el('div', { class: 'turn-author' }, 'Assistant'),
      this.actions.element,
      this.steps.summary,
      restore.note,
      this.steps.element,
      this.errorBox,
      this.routeNote,
      this.line,
    );
  }

  /** The text to copy: the reply's markdown as the model wrote it, or what a voice reply said. */
  get copyText(): string {
    return this.text;
  }

  /** Every step's text, as the model wrote it (or said it). */
  get text(): string {
    return this.steps.text;
  }

  /** A tool call was made or changed (shown as a step block, with its approval while it waits). */
  tool(call: WireToolCall): void {
    this.contentArrived();
    this.steps.tool(call);
    if (this.streaming) this.showStreaming();
  }

  static restore(makeMarkdown: MarkdownFactory, turn: PersistedTurn, onApprove?: ApproveHandler): AssistantTurnView {
    const v = new AssistantTurnView(makeMarkdown, false, onApprove);
    const reasoning = (turn.reasoning ?? []).map((r) => (r.redactedBase64 ? '[redacted reasoning]\n' : r.text));
    if (reasoning.length || turn.text || turn.steps?.length || turn.tools?.length) v.contentArrived();
    v.steps.restore(turn.steps ?? [], reasoning, turn.text, turn.tools ?? []);
    if (turn.error) v.fail(turn.error, turn.stats);
    else v.end(turn.stats, turn.stopReason);
    return v;
  }

  /** Puts `node` (an image turn's gallery, a voice turn's status) under the reply's first text. */
  attach(node: HTMLElement): void {
    this.steps.firstText.after(node);
  }

  /** Puts `node` (a voice reply's clip) under the whole reply, after its last step. */
  attachBelow(node: HTMLElement): void {
    this.steps.element.after(node);
  }

  /** What a voice reply has said since its last tool call (`draft`: what it plans to say). */
  speak(text: string, draft: boolean): void {
    this.contentArrived();
    this.steps.speak(text, draft);
  }

  start(modelId: string, api: ApiId): void {
    this.streaming = true;
    this.element.setAttribute('aria-busy', 'true');
    this.element.classList.add('is-streaming');
    this.setServing(modelId, api);
  }

  route(modelId: string, api: ApiId, reason: string | undefined): void {
    this.setServing(modelId, api);
    this.routeNote.hidden = false;
    this.routeNote.textContent = `Switched to ${API_LABELS[api] ?? api} on ${modelId}${reason ? `: ${reason}` : ''}`;
  }

  /** The service failed transiently: the line says so (with the spinner) until content arrives. */
  retrying(attempt: number, maxAttempts: number, reason: string): void {
    this.setLine(`${this.serving} · retrying (${attempt}/${maxAttempts}) after ${retryReasonText(reason)}…`, true);
    this.line.title = `Retrying after ${reason}`;
    this.retryShown = true;
  }

  /** The line's text, with a spinner before it while nothing has arrived yet. */
  private setLine(text: string, spinner: boolean): void {
    this.line.replaceChildren(...(spinner ? [el('span', { class: 'codicon codicon-loading codicon-modifier-spin turn-spinner', 'aria-hidden': 'true' })] : []), text);
  }

  private setServing(modelId: string, api: ApiId): void {
    const apiLabel = API_LABELS[api] ?? api;
    this.serving = `${modelId} · ${apiLabel}`;
    this.waitingFor = `waiting for ${modelId} (${apiLabel})…`;
    this.showStreaming();
  }

  /** The line while streaming: what the reply waits for (the user, a tool, the first token) or "streaming…". */
  private showStreaming(): void {
    const waiting = this.steps.waitingFor;
    if (waiting) this.setLine(`${this.serving} · ${waiting}`, waiting.startsWith('running'));
    else this.setLine(this.hasContent ? `${this.serving} · streaming…` : this.waitingFor, !this.hasContent);
    this.line.removeAttribute('title');
    this.retryShown = false;
  }

  appendText(text: string): void {
    if (!text) return;
    this.contentArrived();
    this.steps.appendText(text);
  }

  appendReasoning(text: string): void {
    if (!text) return;
    this.contentArrived();
    this.steps.appendReasoning(text);
  }

  private contentArrived(): void {
    const wasWaiting = !this.hasContent;
    this.hasContent = true;
    if (this.streaming && (wasWaiting || this.retryShown)) this.showStreaming();
  }

  end(stats: TurnStats | undefined, stopReason: StopReason | undefined): void {
    this.finishStream();
    if (stats) this.line.textContent = formatTurnLine(stats);
    else this.line.hidden = true;
    if (stopReason && stopReason !== 'end_turn' && stopReason !== 'stop_sequence') {
      this.routeNote.hidden = false;
      this.routeNote.textContent = `Stopped: ${stopReason.replace(/_/g, ' ')}`;
    } else if (stats?.routeNote) {
      this.routeNote.hidden = false;
      this.routeNote.textContent = `Route: ${stats.routeNote}`;
    }
  }

  fail(error: WireError, stats: TurnStats | undefined): void {
    this.finishStream();
    this.failed = error;
    if (stats) this.line.textContent = formatTurnLine(stats);
    this.errorBox.hidden = false;
    this.errorBox.classList.toggle('is-cancelled', error.kind === 'cancelled');
    const children: Node[] = [el('span', { class: 'turn-error-message' }, error.kind === 'cancelled' ? this.stoppedMessage() : error.message)];
    if (error.action.id !== 'none' && error.action.id !== 'retry') {
      children.push(actionButton('errorAction', error.action.label, { 'data-action-id': error.action.id }));
    }
    children.push(actionButton('retry', 'Retry', { 'aria-label': 'Retry this reply' }));
    if (error.detail) children.push(el('details', { class: 'turn-error-detail' }, el('summary', {}, 'Details'), el('pre', {}, error.detail)));
    this.errorBox.replaceChildren(...children);
  }

  /** Promises a kept partial reply only when there is one. */
  private stoppedMessage(): string {
    if (this.text.trim()) return 'Stopped. The partial reply is kept.';
    if (this.steps.hasReasoning) return 'Stopped before the reply began. The reasoning so far is kept.';
    return 'Stopped before the reply began.';
  }

  setLast(isLast: boolean, busy: boolean): void {
    this.actions.setBusy(busy);
    this.restore.setChatBusy(busy);
    for (const b of Array.from(this.errorBox.querySelectorAll('button'))) b.hidden = !isLast || busy;
  }

  private finishStream(): void {
    this.streaming = false;
    this.line.removeAttribute('title');
    this.steps.finish();
    this.restore.setRunning(false);
    this.element.removeAttribute('aria-busy');
    this.element.classList.remove('is-streaming');
  }
}
