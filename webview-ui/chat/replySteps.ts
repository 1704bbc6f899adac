// The body of one reply as the model produced it, step by step: each step's reasoning, its text,
// then the tool calls it ended with. Text that arrives after a step's tool calls begins the next
// step, so text written before a call stays above its block and text written after it goes below.
// A reply without tools is one step. Text goes only through the streaming markdown renderer; a
// voice reply's words (plain text, replaced as the draft becomes what was spoken) are steps' text too.
import type { PersistedStep } from '../../src/shared/persistedShapes';
import type { WireToolCall } from '../../src/shared/protocol';
import type { StreamingMarkdown } from '../markdown/streamingMarkdown';
import { agentSummary } from './agentSummary';
import type { ApproveHandler } from './approvalView';
import { el } from './dom';
import { ToolCallsView } from './toolCallView';
import type { MarkdownFactory } from './turnViews';
import type { RestoreAction } from './turnRestore';

class Step {
  readonly element: HTMLElement;
  md?: StreamingMarkdown;
  /** A voice reply's words in this step (plain text: what was heard spoken is not markdown). */
  spoken?: HTMLElement;
  text = '';
  reasoning?: { details: HTMLDetailsElement; text: HTMLElement };
  tools?: ToolCallsView;

  constructor() {
    this.element = el('div', { class: 'reply-step' });
  }
}

export interface ReplyStepsOptions {
  makeMarkdown: MarkdownFactory;
  /** Live replies announce finished blocks to screen readers; restored ones do not. */
  live: boolean;
  onApprove: ApproveHandler;
  /** The Restore action, on the summary line once a call changed a file. */
  restore: RestoreAction;
}

export class ReplySteps {
  readonly element: HTMLElement;
  /** "Read 3 files, searched twice", kept current as calls finish; hidden while there is none. */
  readonly summary: HTMLElement;
  private readonly steps: Step[] = [];
  private readonly calls = new Map<string, WireToolCall>();
  /** Reasoning blocks start open while a reply streams. */
  private streaming: boolean;

  constructor(private readonly options: ReplyStepsOptions) {
    this.streaming = options.live;
    this.element = el('div', { class: 'reply-steps' });
    this.summary = el('div', { class: 'agent-summary' });
    this.summary.hidden = true;
    // The first step's text renderer exists from the start: an image turn's gallery goes under it.
    this.current.md = this.addMarkdown(this.current);
  }

  /** The first text run's element (an image turn's gallery goes after it). */
  get firstText(): HTMLElement {
    return this.steps[0].md!.element;
  }

  /** The reply's text, every step's, for Copy. */
  get text(): string {
    return this.steps
      .map((s) => s.text)
      .filter((t) => t.trim())
      .join('\n\n');
  }

  /** What the reply waits on now: the user's approval, or a running tool; undefined for neither. */
  get waitingFor(): string | undefined {
    const calls = [...this.calls.values()];
    if (calls.some((c) => c.status === 'awaitingApproval')) return 'waiting for your approval…';
    const running = calls.find((c) => c.status === 'running');
    return running ? `running ${running.label ?? running.name}…` : undefined;
  }

  get hasReasoning(): boolean {
    return this.steps.some((s) => s.reasoning);
  }

  private get current(): Step {
    if (!this.steps.length) this.begin();
    return this.steps[this.steps.length - 1];
  }

  /** The step text or reasoning goes to: a new one once the current step has called tools. */
  private get writable(): Step {
    return this.current.tools ? this.begin() : this.current;
  }

  private begin(): Step {
    const previous = this.steps[this.steps.length - 1];
    if (previous) {
      previous.md?.finish();
      if (previous.reasoning) previous.reasoning.details.open = false;
    }
    const step = new Step();
    this.steps.push(step);
    this.element.append(step.element);
    return step;
  }

  private addMarkdown(step: Step): StreamingMarkdown {
    const md = this.options.makeMarkdown(this.options.live);
    // Reasoning sits above the text, tool calls below it.
    step.element.insertBefore(md.element, step.tools?.element ?? null);
    return md;
  }

  appendText(text: string): void {
    if (!text) return;
    const step = this.writable;
    step.md ??= this.addMarkdown(step);
    step.text += text;
    step.md.append(text);
  }

  /**
   * What a voice reply has said in the current step, whole (a draft is what it plans to say). Words
   * after a tool call begin the next step, below the call, as streamed text does.
   */
  speak(text: string, draft: boolean): void {
    const step = this.writable;
    if (!step.spoken) {
      step.spoken = el('div', { class: 'voice-reply' });
      step.element.insertBefore(step.spoken, step.tools?.element ?? null);
    }
    step.spoken.textContent = text;
    step.spoken.classList.toggle('is-draft', draft);
    step.spoken.title = draft ? 'What the model plans to say' : '';
    step.text = text;
  }

  appendReasoning(text: string): void {
    if (!text) return;
    const step = this.writable;
    if (!step.reasoning) {
      const body = el('div', { class: 'reasoning-text' });
      const details = el('details', { class: 'reasoning' }, el('summary', {}, 'Reasoning'), body);
      // Open while it streams so the user sees the model think; collapsed in history.
      details.open = this.streaming;
      step.element.prepend(details);
      step.reasoning = { details, text: body };
    }
    step.reasoning.text.append(text);
  }

  /** A tool call was made or changed: redrawn in its block, or added to the current step. */
  tool(call: WireToolCall): void {
    const shown = call.id ? this.steps.find((s) => s.tools?.has(call.id)) : undefined;
    let view = shown?.tools;
    if (!view) {
      let step = this.current;
      // Calls of a later model step with no text between them still begin a new step.
      if (step.tools && call.step !== undefined && step.tools.step !== undefined && call.step !== step.tools.step) step = this.begin();
      // The step's text is complete once it calls a tool: its renderer flushes (no cursor left there).
      step.md?.finish();
      step.tools ??= this.addTools(step, call.step);
      view = step.tools;
    }
    view.upsert(call);
    if (call.id) this.calls.set(call.id, call);
    else this.calls.set(`#${this.calls.size}`, call);
    this.options.restore.update(this.calls.values());
    this.updateSummary();
  }

  private addTools(step: Step, stepIndex: number | undefined): ToolCallsView {
    const view = new ToolCallsView({ onApprove: this.options.onApprove }, stepIndex);
    step.element.append(view.element);
    return view;
  }

  private updateSummary(): void {
    const text = agentSummary([...this.calls.values()]);
    this.summary.hidden = !text;
    this.summary.replaceChildren(el('span', { class: 'codicon codicon-tools', 'aria-hidden': 'true' }), el('span', { class: 'agent-summary-text' }, text), this.options.restore.button);
  }

  /** A stored reply: its tool steps, then the final answer's reasoning and text. */
  restore(steps: readonly PersistedStep[], reasoning: readonly string[], text: string, legacyTools: readonly WireToolCall[]): void {
    for (const s of steps) {
      for (const r of s.reasoning ?? []) this.appendReasoning(r.redactedBase64 ? '[redacted reasoning]\n' : r.text);
      this.appendText(s.text);
      for (const t of s.tools) this.tool(t);
    }
    for (const r of reasoning) this.appendReasoning(r);
    this.appendText(text);
    for (const t of legacyTools) this.tool(t);
  }

  /**
   * The stream ended (or a stored reply was drawn): every renderer flushes, reasoning collapses,
   * and a call still waiting for approval or running is over, so it shows as cancelled with no
   * buttons left to answer.
   */
  finish(): void {
    this.streaming = false;
    for (const s of this.steps) {
      s.md?.finish();
      if (s.reasoning) s.reasoning.details.open = false;
    }
    for (const call of [...this.calls.values()]) {
      if (call.id && (call.status === 'awaitingApproval' || call.status === 'running')) this.tool({ ...call, status: 'cancelled' });
    }
  }
}
