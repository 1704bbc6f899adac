// The chat webview: toolbar (model, API, settings, history, new chat), transcript, composer.
// State the user would miss after hide/show or a reload goes to `setState`; the conversation
// itself lives in the host, which sends it back on `webview/ready`.
import { API_LABELS, errorAction, type ApiId, type ErrorActionId } from '../../src/shared/coreNames';
import { readPersistedWebviewState } from '../../src/shared/persistedReaders';
import { readStoredConversation } from '../../src/shared/persistedRecords';
import {
  type ChatParams,
  type ChatStreamMessage,
  type ConversationSummary,
  type HostToWebviewMessage,
  type ModelOption,
  type PersistedConversation,
} from '../../src/shared/protocol';
import { el, newId } from './dom';
import { StreamGate } from './streamGate';
import { ACTION_ATTR, AssistantTurnView, UserTurnView, type MarkdownFactory } from './turnViews';
import type { HostApi } from './vscodeApi';

type TurnView = UserTurnView | AssistantTurnView;

/** Upper bound for max tokens when the model's limit is unknown. */
const FALLBACK_MAX_TOKENS = 1_000_000;

export interface ChatAppOptions {
  host: HostApi;
  root: HTMLElement;
  makeMarkdown: MarkdownFactory;
  /** Wires link and code-button clicks under `transcript` to the host. */
  attachInteractions(transcript: HTMLElement): void;
}

export class ChatApp {
  private readonly host: HostApi;
  private readonly makeMarkdown: MarkdownFactory;
  private readonly gate = new StreamGate();
  private conversationId: string;
  private turns: TurnView[] = [];
  private models: ModelOption[] = [];
  private selectedModelId: string | undefined;
  private streamingView: AssistantTurnView | undefined;
  /** Index of the user turn being edited (edit-and-resend), if any. */
  private editingTurn: number | undefined;
  /** Keep the newest text in view while streaming, until the user scrolls up to read. */
  private following = true;
  /** A pointer is down in the transcript (dragging the scrollbar or selecting). */
  private pointerScrolling = false;
  private scrollFrame: number | undefined;
  private scrollSave: ReturnType<typeof setTimeout> | undefined;

  private readonly modelSelect: HTMLSelectElement;
  private readonly apiSelect: HTMLSelectElement;
  private readonly modelBadges: HTMLElement;
  private readonly settingsPanel: HTMLElement;
  private readonly systemInput: HTMLTextAreaElement;
  private readonly temperatureInput: HTMLInputElement;
  private readonly maxTokensInput: HTMLInputElement;
  private readonly topPInput: HTMLInputElement;
  private readonly historyPanel: HTMLElement;
  private readonly historyList: HTMLElement;
  private readonly transcript: HTMLElement;
  private readonly emptyHint: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly editBanner: HTMLElement;
  private readonly status: HTMLElement;

  constructor(opts: ChatAppOptions) {
    this.host = opts.host;
    this.makeMarkdown = opts.makeMarkdown;
    const saved = readPersistedWebviewState(this.host.getState());
    this.conversationId = saved?.conversationId ?? newId();
    this.selectedModelId = saved?.selectedModelId;

    this.modelSelect = el('select', { id: 'model-select', class: 'model-select', 'aria-label': 'Model' });
    this.modelBadges = el('span', { class: 'model-badges', 'aria-label': 'Model capabilities' });
    this.apiSelect = el('select', { id: 'api-select', class: 'api-select', 'aria-label': 'API for the next turn' });
    const settingsToggle = el('button', { type: 'button', class: 'toolbar-button', id: 'settings-toggle', 'aria-expanded': 'false', 'aria-controls': 'settings-panel' }, 'Settings');
    const historyToggle = el('button', { type: 'button', class: 'toolbar-button', id: 'history-toggle', 'aria-expanded': 'false', 'aria-controls': 'history-panel' }, 'History');
    const newChat = el('button', { type: 'button', class: 'toolbar-button', id: 'new-chat' }, 'New Chat');

    this.systemInput = el('textarea', { id: 'system-prompt', class: 'system-input', rows: '3', placeholder: 'Optional instructions for every turn' });
    this.temperatureInput = el('input', { id: 'temperature', type: 'number', min: '0', max: '1', step: '0.1', placeholder: 'default', class: 'param-input' });
    this.maxTokensInput = el('input', { id: 'max-tokens', type: 'number', min: '1', step: '1', placeholder: 'default', class: 'param-input' });
    this.topPInput = el('input', { id: 'top-p', type: 'number', min: '0', max: '1', step: '0.05', placeholder: 'default', class: 'param-input' });
    this.settingsPanel = el(
      'section',
      { id: 'settings-panel', class: 'settings-panel', 'aria-label': 'Conversation settings' },
      el('label', { for: 'system-prompt', class: 'field-label' }, 'System prompt'),
      this.systemInput,
      el(
        'div',
        { class: 'param-row' },
        el('label', { for: 'temperature', class: 'field-label' }, 'Temperature'),
        this.temperatureInput,
        el('label', { for: 'max-tokens', class: 'field-label' }, 'Max tokens'),
        this.maxTokensInput,
        el('label', { for: 'top-p', class: 'field-label' }, 'Top P'),
        this.topPInput,
      ),
    );
    this.settingsPanel.hidden = true;

    this.historyList = el('ul', { class: 'history-list', 'aria-label': 'Past chats' });
    this.historyPanel = el('section', { id: 'history-panel', class: 'history-panel', 'aria-label': 'History' }, el('h2', { class: 'panel-title' }, 'Past chats'), this.historyList);
    this.historyPanel.hidden = true;

    this.emptyHint = el('p', { class: 'empty-hint' }, 'Ask anything. Enter sends, Shift+Enter adds a line, Escape stops a reply or returns to the editor.');
    // Not role="log": that would make the whole transcript live and re-announce the growing block
    // on every frame. The renderer announces each finished block once (its own polite region),
    // and the status line below announces the end of a reply.
    this.transcript = el('main', { id: 'transcript', class: 'transcript', 'aria-label': 'Conversation', tabindex: '0' }, this.emptyHint);

    this.input = el('textarea', { id: 'prompt', class: 'prompt-input', rows: '3', placeholder: 'Message the model…', 'aria-label': 'Message' });
    this.input.value = saved?.draft ?? '';
    this.sendButton = el('button', { type: 'button', id: 'send', class: 'primary-button' }, 'Send');
    this.stopButton = el('button', { type: 'button', id: 'stop', class: 'secondary-button' }, 'Stop');
    this.stopButton.hidden = true;
    this.editBanner = el('div', { class: 'edit-banner' });
    this.editBanner.hidden = true;
    this.status = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });

    opts.root.replaceChildren(
      el(
        'div',
        { class: 'chat-root' },
        el('header', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Chat' }, this.modelSelect, this.modelBadges, this.apiSelect, settingsToggle, historyToggle, newChat),
        this.settingsPanel,
        this.historyPanel,
        this.transcript,
        el('footer', { class: 'composer' }, this.editBanner, this.input, el('div', { class: 'composer-buttons' }, this.stopButton, this.sendButton)),
        this.status,
      ),
    );
    opts.attachInteractions(this.transcript);

    const toggle = (button: HTMLButtonElement, panel: HTMLElement) => {
      panel.hidden = !panel.hidden;
      button.setAttribute('aria-expanded', String(!panel.hidden));
      if (!panel.hidden) (panel.querySelector('textarea, input, button') as HTMLElement | null)?.focus();
    };
    settingsToggle.addEventListener('click', () => toggle(settingsToggle, this.settingsPanel));
    historyToggle.addEventListener('click', () => {
      toggle(historyToggle, this.historyPanel);
      if (!this.historyPanel.hidden) this.host.postMessage({ method: 'history/list' });
    });
    newChat.addEventListener('click', () => this.newChat());
    this.modelSelect.addEventListener('change', () => this.selectModel(this.modelSelect.value));
    this.sendButton.addEventListener('click', () => this.send());
    this.stopButton.addEventListener('click', () => this.stop());
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.send();
      } else if (e.key === 'Escape' && this.editingTurn !== undefined) {
        this.cancelEdit();
      } else if (e.key === 'Escape' && !this.gate.active) {
        // Nothing to cancel or stop: Escape hands the keyboard back to the editor, as in Copilot Chat.
        this.host.postMessage({ method: 'editor/focus' });
      }
    });
    this.input.addEventListener('input', () => this.saveState());
    opts.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.gate.active) {
        e.preventDefault();
        this.stop();
      }
    });
    this.maxTokensInput.addEventListener('change', () => this.clampInputs());
    this.temperatureInput.addEventListener('change', () => this.clampInputs());
    this.topPInput.addEventListener('change', () => this.clampInputs());
    this.transcript.addEventListener('click', (e) => this.onTranscriptClick(e));
    this.transcript.addEventListener('wheel', (e) => {
      if (e.deltaY < 0) this.following = false;
    }, { passive: true });
    this.transcript.addEventListener('keydown', (e) => {
      if (['PageUp', 'ArrowUp', 'Home'].includes(e.key)) this.following = false;
    });
    this.transcript.addEventListener('pointerdown', () => (this.pointerScrolling = true));
    window.addEventListener('pointerup', () => (this.pointerScrolling = false));
    this.transcript.addEventListener(
      'scroll',
      () => {
        const t = this.transcript;
        const atBottom = t.scrollHeight - t.scrollTop - t.clientHeight < 24;
        // Only the user's own scrolling stops following: a scroll event can also come from layout
        // (the growing block re-rendering shorter for a frame clamps scrollTop), which must not.
        if (atBottom) this.following = true;
        else if (this.pointerScrolling) this.following = false;
        // setState crosses to the workbench: once per scroll burst is enough.
        clearTimeout(this.scrollSave);
        this.scrollSave = setTimeout(() => this.saveState(), 250);
      },
      { passive: true },
    );
    window.addEventListener('message', (e: MessageEvent) => this.onHostMessage(e.data as HostToWebviewMessage));
    this.renderApiOptions();
    this.updateControls();
    this.host.postMessage({ method: 'webview/ready' });
    this.input.focus();
  }

  // -------------------------------------------------------------------------------------------
  // Host messages
  // -------------------------------------------------------------------------------------------

  private onHostMessage(m: HostToWebviewMessage): void {
    if (!m || typeof m !== 'object' || typeof m.method !== 'string') return;
    switch (m.method) {
      case 'chat/start':
      case 'chat/delta':
      case 'chat/route':
      case 'chat/retry':
      case 'chat/end':
      case 'chat/error':
        return this.onStream(m);
      case 'models/list':
        return this.setModels(m.models, m.selectedModelId);
      case 'history/list':
        return this.renderHistory(m.conversations);
      case 'history/load': {
        // Stored conversations can be corrupt: render what can be read, never throw on the rest.
        const conv = readStoredConversation(m.conversation);
        if (conv) this.load(conv);
        return;
      }
      case 'chat/prefill':
        if (typeof m.modelId === 'string' && m.modelId.trim() && m.modelId !== this.selectedModelId) {
          if (this.models.some((o) => o.id === m.modelId)) this.modelSelect.value = m.modelId;
          this.selectModel(m.modelId);
        }
        this.input.value = typeof m.text === 'string' ? m.text : '';
        this.saveState();
        if (m.send) {
          // "Explain Selection" while a reply streams: that reply stops (kept as it is) and this one goes.
          this.stopLocally();
          this.send();
        } else this.input.focus();
        return;
    }
  }

  private onStream(m: ChatStreamMessage): void {
    if (!this.gate.accept(m)) return;
    const view = this.streamingView;
    if (!view) return;
    switch (m.method) {
      case 'chat/start':
        view.start(m.modelId, m.api);
        return;
      case 'chat/delta':
        if (m.channel === 'text') view.appendText(m.text);
        else view.appendReasoning(m.text);
        this.scrollToEndIfFollowing();
        return;
      case 'chat/route':
        view.route(m.modelId, m.api, m.reason);
        return;
      case 'chat/retry':
        view.retrying(m.attempt, m.maxAttempts, m.reason);
        return;
      case 'chat/end':
        view.end(m.stats, m.stopReason);
        this.streamDone('Reply complete.');
        return;
      case 'chat/error':
        view.fail(m.error, m.stats);
        this.streamDone(m.error.kind === 'cancelled' ? 'Reply stopped.' : `Error: ${m.error.message}`);
        return;
    }
  }

  private streamDone(announcement: string): void {
    this.streamingView = undefined;
    this.status.textContent = announcement;
    this.updateControls();
    this.scrollToEndIfFollowing();
  }

  // -------------------------------------------------------------------------------------------
  // Models and settings
  // -------------------------------------------------------------------------------------------

  private setModels(models: ModelOption[], hostSelected: string | undefined): void {
    this.models = models;
    const groups = new Map<string, ModelOption[]>();
    for (const m of models) {
      const g = m.provider ?? 'Other';
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push(m);
    }
    const options: HTMLElement[] = [];
    for (const [provider, list] of groups) {
      const group = el('optgroup', { label: provider });
      for (const m of list) group.append(el('option', { value: m.id, title: m.id }, m.badges?.length ? `${m.label} — ${m.badges.join(' · ')}` : m.label));
      options.push(group);
    }
    if (!models.length) options.push(el('option', { value: '', disabled: true }, 'No chat models (check region and credentials)'));
    this.modelSelect.replaceChildren(...options);
    const wanted = [this.selectedModelId, hostSelected, models[0]?.id].find((id) => id && models.some((m) => m.id === id));
    if (wanted) this.modelSelect.value = wanted;
    this.selectedModelId = wanted ?? this.selectedModelId;
    this.onModelChanged();
  }

  private selectModel(id: string): void {
    this.selectedModelId = id;
    this.host.postMessage({ method: 'models/select', modelId: id });
    this.onModelChanged();
    this.saveState();
  }

  private get model(): ModelOption | undefined {
    return this.models.find((m) => m.id === this.selectedModelId);
  }

  private onModelChanged(): void {
    const m = this.model;
    this.modelBadges.textContent = m?.badges?.join(' · ') ?? '';
    if (m?.maxOutputTokens) this.maxTokensInput.max = String(m.maxOutputTokens);
    else this.maxTokensInput.removeAttribute('max');
    this.renderApiOptions();
    this.clampInputs();
  }

  private renderApiOptions(): void {
    const current = this.apiSelect.value;
    const apis = this.model?.apis ?? [];
    this.apiSelect.replaceChildren(el('option', { value: '' }, 'API: auto'), ...apis.map((a) => el('option', { value: a }, `API: ${API_LABELS[a] ?? a}`)));
    this.apiSelect.value = apis.includes(current as ApiId) ? current : '';
  }

  /** Keeps every parameter inside the model's known limits, in the UI the user sees. */
  private clampInputs(): void {
    const clamp = (input: HTMLInputElement, lo: number, hi: number | undefined, integer = false) => {
      if (input.value === '') return;
      let v = Number(input.value);
      if (!Number.isFinite(v)) {
        input.value = '';
        return;
      }
      v = Math.max(lo, hi === undefined ? v : Math.min(hi, v));
      input.value = String(integer ? Math.round(v) : v);
    };
    clamp(this.temperatureInput, 0, 1);
    clamp(this.topPInput, 0, 1);
    // Without a known model limit, stay well inside what the host accepts: the router learns the
    // real limit from the service's error and retries once.
    clamp(this.maxTokensInput, 1, this.model?.maxOutputTokens ?? FALLBACK_MAX_TOKENS, true);
  }

  private params(): ChatParams | undefined {
    this.clampInputs();
    const p: ChatParams = {};
    if (this.temperatureInput.value !== '') p.temperature = Number(this.temperatureInput.value);
    if (this.maxTokensInput.value !== '') p.maxTokens = Number(this.maxTokensInput.value);
    if (this.topPInput.value !== '') p.topP = Number(this.topPInput.value);
    return Object.keys(p).length ? p : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Conversation
  // -------------------------------------------------------------------------------------------

  private send(replaceFromTurn?: number, textOverride?: string): void {
    if (this.gate.active) return;
    const text = textOverride ?? this.input.value;
    if (!text.trim()) return;
    const from = replaceFromTurn ?? this.editingTurn;
    if (from !== undefined) this.truncate(from);
    this.editingTurn = undefined;
    this.editBanner.hidden = true;
    const requestId = newId();
    this.gate.expect(requestId);
    this.addTurn(new UserTurnView(text));
    const view = new AssistantTurnView(this.makeMarkdown, true);
    this.streamingView = view;
    this.addTurn(view);
    if (textOverride === undefined) this.input.value = '';
    const params = this.params();
    const api = this.apiSelect.value as ApiId | '';
    this.host.postMessage({
      method: 'chat/send',
      requestId,
      conversationId: this.conversationId,
      text,
      ...(this.selectedModelId ? { modelId: this.selectedModelId } : {}),
      ...(from !== undefined ? { replaceFromTurn: from } : {}),
      system: this.systemInput.value,
      ...(params ? { params } : {}),
      ...(api ? { api } : {}),
    });
    this.status.textContent = 'Waiting for the reply…';
    this.updateControls();
    this.following = true;
    this.scrollToEndIfFollowing();
    this.saveState();
  }

  private stop(): void {
    const id = this.gate.active;
    if (id) this.host.postMessage({ method: 'chat/cancel', requestId: id });
  }

  /**
   * Stops the running reply without waiting for the host to confirm: the partial reply stays on
   * screen as stopped (the host keeps it in history too), and later posts for it are dropped.
   */
  private stopLocally(): void {
    if (!this.gate.active) return;
    this.stop();
    this.streamingView?.fail({ kind: 'cancelled', message: 'Stopped.', action: errorAction('none') }, undefined);
    this.gate.reset();
    this.streamDone('Reply stopped.');
  }

  /** Resend the last user message (Retry after an error, Regenerate after a reply). */
  private resendLast(): void {
    const u = this.lastUserIndex();
    if (u < 0) return;
    this.send(u, (this.turns[u] as UserTurnView).text);
  }

  private startEdit(): void {
    const u = this.lastUserIndex();
    if (u < 0 || this.gate.active) return;
    this.editingTurn = u;
    this.input.value = (this.turns[u] as UserTurnView).text;
    this.editBanner.hidden = false;
    this.editBanner.textContent = 'Editing your last message: Enter resends it, Escape cancels.';
    this.input.focus();
  }

  private cancelEdit(): void {
    this.editingTurn = undefined;
    this.editBanner.hidden = true;
    this.input.value = '';
    this.saveState();
  }

  private lastUserIndex(): number {
    for (let i = this.turns.length - 1; i >= 0; i--) if (this.turns[i] instanceof UserTurnView) return i;
    return -1;
  }

  private onTranscriptClick(e: MouseEvent): void {
    const button = (e.target as Element | null)?.closest?.(`button[${ACTION_ATTR}]`);
    if (!button || !this.transcript.contains(button)) return;
    switch (button.getAttribute(ACTION_ATTR)) {
      case 'edit':
        return this.startEdit();
      case 'regenerate':
      case 'retry':
        return this.resendLast();
      case 'errorAction': {
        const actionId = button.getAttribute('data-action-id') as ErrorActionId | null;
        const requestId = this.gate.lastRequestId;
        if (actionId && requestId) this.host.postMessage({ method: 'error/action', requestId, actionId });
        return;
      }
    }
  }

  private addTurn(view: TurnView): void {
    this.emptyHint.hidden = true;
    this.turns.push(view);
    this.transcript.append(view.element);
  }

  private truncate(from: number): void {
    for (const v of this.turns.splice(from)) v.element.remove();
  }

  private load(conv: PersistedConversation): void {
    this.gate.reset();
    this.streamingView = undefined;
    this.editingTurn = undefined;
    this.editBanner.hidden = true;
    this.conversationId = conv.id;
    this.truncate(0);
    for (const t of conv.turns) this.addTurn(t.role === 'user' ? new UserTurnView(t.text) : AssistantTurnView.restore(this.makeMarkdown, t));
    this.emptyHint.hidden = conv.turns.length > 0;
    if (conv.modelId && this.models.some((m) => m.id === conv.modelId)) {
      this.selectedModelId = conv.modelId;
      this.modelSelect.value = conv.modelId;
      this.onModelChanged();
    } else if (conv.modelId) {
      this.selectedModelId = conv.modelId;
    }
    this.systemInput.value = conv.system ?? '';
    this.temperatureInput.value = conv.params?.temperature?.toString() ?? '';
    this.maxTokensInput.value = conv.params?.maxTokens?.toString() ?? '';
    this.topPInput.value = conv.params?.topP?.toString() ?? '';
    this.renderApiOptions();
    if (conv.api && this.model?.apis?.includes(conv.api)) this.apiSelect.value = conv.api;
    this.updateControls();
    const saved = readPersistedWebviewState(this.host.getState());
    this.transcript.scrollTop = saved?.conversationId === conv.id && saved.scrollTop !== undefined ? saved.scrollTop : this.transcript.scrollHeight;
    this.saveState();
  }

  private newChat(): void {
    if (this.gate.active) this.stop();
    this.gate.reset();
    this.streamingView = undefined;
    this.conversationId = newId();
    this.truncate(0);
    this.emptyHint.hidden = false;
    this.host.postMessage({ method: 'history/new', conversationId: this.conversationId });
    this.updateControls();
    this.saveState();
    this.input.focus();
  }

  private renderHistory(items: ConversationSummary[]): void {
    const rows = items.map((c) => {
      const open = el('button', { type: 'button', class: 'history-open', 'aria-current': c.id === this.conversationId ? 'true' : undefined }, c.title);
      open.addEventListener('click', () => {
        this.host.postMessage({ method: 'history/open', conversationId: c.id });
        this.historyPanel.hidden = true;
        document.getElementById('history-toggle')?.setAttribute('aria-expanded', 'false');
        this.input.focus();
      });
      const del = el('button', { type: 'button', class: 'history-delete', 'aria-label': `Delete chat "${c.title}"` }, 'Delete');
      del.addEventListener('click', () => this.host.postMessage({ method: 'history/delete', conversationId: c.id }));
      const when = el('span', { class: 'history-meta' }, `${new Date(c.updatedAt).toLocaleString()} · ${c.turnCount} turns`);
      return el('li', { class: 'history-item' }, open, when, del);
    });
    this.historyList.replaceChildren(...(rows.length ? rows : [el('li', { class: 'history-empty' }, 'No past chats yet.')]));
  }

  private updateControls(): void {
    const busy = !!this.gate.active;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
    const lastUser = this.lastUserIndex();
    const unanswered = lastUser === this.turns.length - 1;
    this.turns.forEach((t, i) => (t instanceof UserTurnView ? t.setLast(i === lastUser, busy, unanswered) : t.setLast(i === this.turns.length - 1, busy)));
  }

  private scrollToEndIfFollowing(): void {
    if (!this.following || this.scrollFrame !== undefined) return;
    // The renderer paints deltas at the next animation frame; a frame requested after it runs
    // after that paint's layout, so the scroll sees the new height.
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = undefined;
      if (!this.following) return;
      const t = this.transcript;
      t.scrollTop = t.scrollHeight;
    });
  }

  private saveState(): void {
    this.host.setState({
      v: 1,
      conversationId: this.conversationId,
      draft: this.editingTurn === undefined ? this.input.value : '',
      ...(this.selectedModelId ? { selectedModelId: this.selectedModelId } : {}),
      scrollTop: Math.max(0, Math.round(this.transcript.scrollTop)),
    });
  }
}
