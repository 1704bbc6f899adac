// The chat webview: header (model, new chat, history, settings), transcript, composer, each
// its own module; this one wires them to the host and runs the conversation. State the user would
// miss after hide/show or a reload goes to `setState`; the conversation itself lives in the host,
// which sends it back on `webview/ready`.
import { errorAction, type ErrorActionId } from '../../src/shared/coreNames';
import { readPersistedWebviewState } from '../../src/shared/persistedReaders';
import { readStoredConversation } from '../../src/shared/persistedRecords';
import { handledEveryMessage } from '../../src/shared/exhaustive';
import type { ChatContext, ChatParams, ChatStreamMessage, HostToWebviewMessage, PersistedConversation } from '../../src/shared/protocol';
import { readContext } from '../../src/shared/protocolValidation';
import { ChatHeader } from './chatHeader';
import { Composer } from './composer';
import { AttachmentTray, attachmentChips } from './attachmentTray';
import type { WireAttachment } from '../../src/shared/attachments';
import { ComposerControls } from './composerControls';
import { el, newId } from './dom';
import { HistoryPanel } from './historyPanel';
import { ModelPicker } from './modelPicker';
import { SettingsPanel } from './settingsPanel';
import { StreamGate } from './streamGate';
import { applyTokenColors } from './tokenColors';
import { TranscriptView } from './transcriptView';
import { ACTION_ATTR, AssistantTurnView, UserTurnView, type MarkdownFactory } from './turnViews';
import type { HostApi } from './vscodeApi';
import { ImageTurns } from '../images/imageTurns';
import type { ImageTurnOptions } from '../../src/shared/imageProtocol';

export interface ChatAppOptions {
  host: HostApi;
  root: HTMLElement;
  makeMarkdown: MarkdownFactory;
  /** Wires link and code-button clicks under `transcript` to the host. */
  attachInteractions(transcript: HTMLElement): void;
}

/** The host dedupes warm-ups itself; this only keeps keystrokes from each becoming a message. */
const TYPING_NOTICE_INTERVAL_MS = 10_000;

export class ChatApp {
  private readonly host: HostApi;
  private readonly makeMarkdown: MarkdownFactory;
  private readonly gate = new StreamGate();
  private conversationId: string;
  private streamingView: AssistantTurnView | undefined;
  /** Index of the user turn being edited (edit-and-resend), if any. */
  private editingTurn: number | undefined;

  private readonly picker: ModelPicker;
  private readonly header: ChatHeader;
  private readonly settings: SettingsPanel;
  private readonly controls: ComposerControls;
  private readonly history: HistoryPanel;
  private readonly transcript: TranscriptView;
  private readonly composer: Composer;
  private readonly tray: AttachmentTray;
  /** What each sent user turn attached, so Retry and Regenerate send it again. */
  private readonly sentAttachments = new WeakMap<UserTurnView, WireAttachment[]>();
  private readonly status: HTMLElement;
  private readonly images: ImageTurns;
  /** The text and image options of the image turn streaming now (its gallery's buttons reuse them). */
  private streamingImage: { text: string; options: ImageTurnOptions } | undefined;

  private lastTypingNotice = Number.NEGATIVE_INFINITY;
  constructor(opts: ChatAppOptions) {
    this.host = opts.host;
    this.makeMarkdown = opts.makeMarkdown;
    const saved = readPersistedWebviewState(this.host.getState());
    this.conversationId = saved?.conversationId ?? newId();

    this.picker = new ModelPicker({
      initialId: saved?.selectedModelId,
      onPick: (id) => this.selectModel(id),
      onFavourite: (modelId, favourite) => this.host.postMessage({ method: 'models/favourite', modelId, favourite }),
    });
    this.settings = new SettingsPanel({
      onChanged: () => this.controls?.showActive(this.settings.active()),
      onSaveDefault: (system) => this.host.postMessage({ method: 'settings/saveDefaultSystem', system }),
    });
    this.controls = new ComposerControls({
      onReasoningChanged: () => this.saveState(),
      onIndicator: (field) => {
        this.header.openSettings();
        this.settings.focusField(field);
      },
    });
    this.history = new HistoryPanel({
      open: (conversationId) => {
        this.host.postMessage({ method: 'history/open', conversationId });
        this.header.closeHistory();
        this.composer.focus();
      },
      delete: (conversationId) => this.host.postMessage({ method: 'history/delete', conversationId }),
    });
    this.header = new ChatHeader({
      picker: this.picker,
      settingsPanel: this.settings.element,
      historyPanel: this.history.element,
      onHistoryOpened: () => this.host.postMessage({ method: 'history/list' }),
      onNewChat: () => this.newChat(),
    });
    this.transcript = new TranscriptView({ onAction: (b) => this.onTurnAction(b), onScrolled: () => this.saveState() });
    this.tray = new AttachmentTray({ post: (m) => this.host.postMessage(m) });
    this.composer = new Composer({
      above: [this.tray.chips, this.tray.errorElement],
      tools: this.tray.button,
      initialDraft: saved?.draft ?? '',
      controls: this.controls.element,
      isBusy: () => !!this.gate.active,
      isEditing: () => this.editingTurn !== undefined,
      onSend: () => this.send(),
      onStop: () => this.stop(),
      onCancelEdit: () => this.cancelEdit(),
      onLeave: () => this.host.postMessage({ method: 'editor/focus' }),
      onDraftChanged: () => {
        this.saveState();
        this.noticeTyping();
      },
    });
    this.status = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.images = new ImageTurns({
      host: this.host,
      send: (text, image) => this.send(undefined, text, { image }),
      model: () => this.picker.model,
      announce: (text) => (this.status.textContent = text),
    });
    this.composer.input.addEventListener('paste', (e) => this.tray.onPaste(e));
    this.composer.element.addEventListener('dragover', (e) => e.preventDefault());
    this.composer.element.addEventListener('drop', (e) => this.tray.onDrop(e));

    opts.root.replaceChildren(
      el('div', { class: 'chat-root' }, this.header.element, this.settings.element, this.history.element, this.transcript.element, this.images.bar.element, this.composer.element, this.status),
    );
    opts.attachInteractions(this.transcript.element);
    opts.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.gate.active) {
        e.preventDefault();
        this.stop();
      }
    });
    window.addEventListener('message', (e: MessageEvent) => this.onHostMessage(e.data as HostToWebviewMessage));
    this.updateControls();
    this.host.postMessage({ method: 'webview/ready' });
    this.composer.focus();
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
      case 'chat/tool':
      case 'chat/end':
      case 'chat/error':
      case 'chat/images':
        return this.onStream(m);
      case 'image/data':
        return this.images.onData(m);
      case 'models/list':
        this.picker.setModels(m.models, m.selectedModelId, m.favourites, m.recent);
        // Chosen in another chat, by Explain or Ask, or through the setting: this chat follows.
        if (m.chosenElsewhere && m.selectedModelId) this.picker.show(m.selectedModelId);
        this.onModelChanged();
        return this.saveState();
      case 'chat/defaults':
        this.settings.setDefaultSystem(m.system);
        // A chat with nothing in it yet starts from the saved default.
        if (!this.transcript.turns.length && !this.settings.system) this.settings.load(m.system, this.settings.params(), this.settings.api || undefined);
        return;
      case 'theme/tokenColors':
        return applyTokenColors(document.documentElement, m.colors);
      case 'history/list':
        return this.history.render(m.conversations, this.conversationId);
      case 'history/load': {
        // Stored conversations can be corrupt: render what can be read, never throw on the rest.
        const conv = readStoredConversation(m.conversation);
        if (conv) this.load(conv);
        return;
      }
      case 'chat/prefill':
        if (typeof m.modelId === 'string' && m.modelId.trim() && m.modelId !== this.picker.selectedId) {
          this.selectModel(m.modelId);
        }
        this.composer.text = typeof m.text === 'string' ? m.text : '';
        this.saveState();
        if (m.send) {
          // "Explain Selection" while a reply streams: that reply stops (kept as it is) and this one goes.
          this.stopLocally();
          this.send(undefined, undefined, { image: m.image, context: readContext(m.context) });
        } else this.composer.focus();
        return;
      case 'attach/added':
        return this.tray.add(m.attachment);
      case 'attach/refused':
        return this.tray.showError(m.message);
      case 'attach/prepareImage':
        void this.tray.prepareImage(m.name, m.mime, m.dataBase64);
        return;
      default:
        return handledEveryMessage(m);
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
        this.transcript.scrollToEndIfFollowing();
        return;
      case 'chat/route':
        view.route(m.modelId, m.api, m.reason);
        return;
      case 'chat/retry':
        view.retrying(m.attempt, m.maxAttempts, m.reason);
        return;
      case 'chat/images':
        view.attach(this.images.live(m, this.streamingImage ?? { text: '', options: {} }));
        this.transcript.scrollToEndIfFollowing();
        return;
      case 'chat/tool':
        view.tool(m.tool);
        this.transcript.scrollToEndIfFollowing();
        return;
      case 'chat/end':
        view.end(m.stats, m.stopReason);
        this.streamDone('Reply complete.');
        return;
      case 'chat/error':
        view.fail(m.error, m.stats);
        this.streamDone(m.error.kind === 'cancelled' ? 'Reply stopped.' : `Error: ${m.error.message}`);
        return;
      default:
        return handledEveryMessage(m);
    }
  }

  private streamDone(announcement: string): void {
    this.streamingView = undefined;
    this.status.textContent = announcement;
    this.updateControls();
    this.transcript.scrollToEndIfFollowing();
  }

  // -------------------------------------------------------------------------------------------
  // Models
  // -------------------------------------------------------------------------------------------

  private selectModel(id: string): void {
    this.picker.show(id);
    this.host.postMessage({ method: 'models/select', modelId: id });
    this.onModelChanged();
    this.saveState();
  }

  private onModelChanged(): void {
    const model = this.picker.model;
    this.settings.setModel(model);
    this.images.setModel(model);
    this.composer.input.placeholder = model?.image ? 'Describe the image…' : 'Message the model…';
    this.controls.setModel(model);
    this.controls.showActive(this.settings.active());
  }

  /** The settings panel's parameters plus the reasoning level; undefined when nothing is set. */
  private params(): ChatParams | undefined {
    const reasoning = this.controls.reasoningLevel;
    const p: ChatParams = { ...this.settings.params(), ...(reasoning ? { reasoning } : {}) };
    return Object.keys(p).length ? p : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Conversation
  // -------------------------------------------------------------------------------------------

  private send(replaceFromTurn?: number, textOverride?: string, overrides: { image?: ImageTurnOptions; context?: ChatContext } = {}): void {
    if (this.gate.active) return;
    const text = textOverride ?? this.composer.text;
    if (!text.trim()) return;
    const from = replaceFromTurn ?? this.editingTurn;
    // Sending a turn again keeps what it was asked with (a removed background stays a removal), with a new seed.
    const again = from !== undefined ? (this.transcript.turns[from] as UserTurnView | undefined)?.imageOptions : undefined;
    const image = this.images.optionsFor(overrides.image ?? (again ? { ...again, seed: undefined } : undefined));
    this.streamingImage = image ? { text, options: image } : undefined;
    // An edited message keeps the editor code it was about.
    const context = overrides.context ?? (from !== undefined ? (this.transcript.turns[from] as UserTurnView | undefined)?.context : undefined);
    // A resend carries the attachments of the message it repeats; a new or edited message the tray's.
    const repeated = from !== undefined ? this.transcript.turns[from] : undefined;
    const attachments = image ? [] : textOverride !== undefined && repeated instanceof UserTurnView ? (this.sentAttachments.get(repeated) ?? []) : this.tray.take();
    if (from !== undefined) this.transcript.truncate(from);
    this.setEditing(undefined);
    const requestId = newId();
    this.gate.expect(requestId);
    const userView = this.userTurn(text, attachments, context);
    userView.imageOptions = image;
    this.transcript.add(userView);
    const view = new AssistantTurnView(this.makeMarkdown, true);
    this.streamingView = view;
    this.transcript.add(view);
    if (textOverride === undefined) this.composer.text = '';
    const params = this.params();
    const api = this.settings.api;
    const modelId = this.picker.selectedId;
    this.host.postMessage({
      method: 'chat/send',
      requestId,
      conversationId: this.conversationId,
      text,
      ...(modelId ? { modelId } : {}),
      ...(from !== undefined ? { replaceFromTurn: from } : {}),
      system: this.settings.system,
      ...(params ? { params } : {}),
      ...(api && !image ? { api } : {}),
      ...(image ? { image } : {}),
      ...(context ? { context } : {}),
      ...(attachments.length ? { attachments } : {}),
    });
    this.status.textContent = 'Waiting for the reply…';
    this.updateControls();
    this.transcript.startFollowing();
    this.saveState();
  }

  /** A user turn in the transcript, with the chips of what it attached. */
  private userTurn(text: string, attachments: WireAttachment[], context?: ChatContext): UserTurnView {
    const view = new UserTurnView(text, context);
    if (attachments.length) {
      this.sentAttachments.set(view, attachments);
      view.element.querySelector('.user-text')?.after(attachmentChips(attachments));
    }
    return view;
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

  /** Resends the user message at or before `index` (Retry after an error, Regenerate a reply): later turns are replaced. */
  private resendFrom(index: number): void {
    const turns = this.transcript.turns;
    let u = Math.min(index, turns.length - 1);
    while (u >= 0 && !(turns[u] instanceof UserTurnView)) u--;
    if (u < 0) return;
    const user = turns[u] as UserTurnView;
    this.send(u, user.text, { context: user.context });
  }

  /** Puts the user message `index` in the composer: sending it replaces it and everything after it (a fork). */
  private startEdit(index: number): void {
    const turn = this.transcript.turns[index];
    if (!(turn instanceof UserTurnView) || this.gate.active) return;
    this.setEditing(index);
    this.composer.text = turn.text;
    this.composer.setEditBanner(
      index === this.transcript.lastUserIndex()
        ? 'Editing your last message: Enter resends it, Escape cancels.'
        : 'Editing an earlier message: Enter resends it and replaces the messages after it; Escape cancels.',
    );
    // The edited message keeps its attachments unless the user removes their chips.
    this.tray.take();
    for (const a of this.sentAttachments.get(turn) ?? []) this.tray.add(a);
    this.composer.focus();
  }

  /** The user message being edited (marked in the transcript), or none. */
  private setEditing(index: number | undefined): void {
    this.editingTurn = index;
    if (index === undefined) this.composer.setEditBanner(undefined);
    this.transcript.turns.forEach((t, i) => t instanceof UserTurnView && t.setEditing(i === index));
  }

  private cancelEdit(): void {
    this.tray.take();
    this.setEditing(undefined);
    this.composer.text = '';
    this.saveState();
  }

  /** Deletes a message with its reply (or a reply with its message), here and in the stored conversation. */
  private deleteExchange(index: number): void {
    if (this.gate.active || index < 0) return;
    const range = this.transcript.exchangeAt(index);
    if (this.editingTurn !== undefined && this.editingTurn >= range.from) this.cancelEdit();
    this.transcript.remove(range.from, range.count);
    this.host.postMessage({ method: 'chat/deleteTurns', conversationId: this.conversationId, fromTurn: range.from, count: range.count });
    this.status.textContent = 'Message deleted.';
    this.updateControls();
  }

  private onTurnAction(button: Element): void {
    const turns = this.transcript.turns;
    const index = turns.findIndex((t) => t.element.contains(button));
    const turn = turns[index];
    switch (button.getAttribute(ACTION_ATTR)) {
      case 'copy':
        if (!turn) return;
        this.host.postMessage({ method: 'code/copy', code: turn.copyText });
        turn.actions.showCopied();
        this.status.textContent = 'Copied.';
        return;
      case 'edit':
        return this.startEdit(index);
      case 'delete':
        return this.deleteExchange(index);
      case 'reveal': {
        const context = turn instanceof UserTurnView ? turn.context : undefined;
        if (context) this.host.postMessage({ method: 'editor/reveal', uri: context.uri, startLine: context.startLine, endLine: context.endLine });
        return;
      }
      case 'regenerate':
      case 'retry':
        return this.resendFrom(index < 0 ? turns.length - 1 : index);
      case 'errorAction': {
        const actionId = button.getAttribute('data-action-id') as ErrorActionId | null;
        const requestId = this.gate.lastRequestId;
        if (actionId && requestId) this.host.postMessage({ method: 'error/action', requestId, actionId });
        return;
      }
    }
  }

  private load(conv: PersistedConversation): void {
    this.gate.reset();
    this.streamingView = undefined;
    this.setEditing(undefined);
    this.conversationId = conv.id;
    this.transcript.truncate(0);
    this.images.clear();
    let lastUser: UserTurnView | undefined;
    for (const t of conv.turns) {
      if (t.role === 'user') {
        lastUser = this.userTurn(t.text, t.attachments ?? [], t.context);
        lastUser.imageOptions = t.imageOptions;
        this.transcript.add(lastUser);
        continue;
      }
      const view = AssistantTurnView.restore(this.makeMarkdown, t);
      const gallery = this.images.restored(t, { text: lastUser?.text ?? '', options: lastUser?.imageOptions ?? {} });
      if (gallery) view.attach(gallery);
      this.transcript.add(view);
    }
    if (conv.modelId) this.picker.show(conv.modelId);
    this.onModelChanged();
    // A conversation not yet begun (Chat with Model) starts from the saved default system prompt.
    const system = conv.turns.length === 0 && conv.system === undefined ? this.settings.savedDefaultSystem : conv.system;
    this.settings.load(system, conv.params, conv.api);
    this.controls.setLevel(conv.params?.reasoning);
    this.updateControls();
    const saved = readPersistedWebviewState(this.host.getState());
    this.transcript.restoreScroll(saved?.conversationId === conv.id ? saved.scrollTop : undefined);
    this.saveState();
  }

  private newChat(): void {
    if (this.gate.active) this.stop();
    this.gate.reset();
    this.streamingView = undefined;
    this.conversationId = newId();
    this.transcript.truncate(0);
    this.images.clear();
    // A new chat carries nothing over: the saved default system prompt (if any), the API on auto,
    // the model's default parameters. The model and the reasoning level stay as chosen.
    this.settings.load(this.settings.savedDefaultSystem, undefined, undefined);
    this.host.postMessage({ method: 'history/new', conversationId: this.conversationId });
    this.updateControls();
    this.saveState();
    this.composer.focus();
  }

  private updateControls(): void {
    const busy = !!this.gate.active;
    this.composer.setBusy(busy);
    this.transcript.updateActions(busy);
  }

  /** Tells the host the user is typing (so it can open the connection), at most every few seconds. */
  private noticeTyping(): void {
    const now = Date.now();
    if (now - this.lastTypingNotice < TYPING_NOTICE_INTERVAL_MS) return;
    this.lastTypingNotice = now;
    this.host.postMessage({ method: 'composer/typing' });
  }

  private saveState(): void {
    const modelId = this.picker.selectedId;
    this.host.setState({
      v: 1,
      conversationId: this.conversationId,
      draft: this.editingTurn === undefined ? this.composer.text : '',
      ...(modelId ? { selectedModelId: modelId } : {}),
      scrollTop: this.transcript.scrollTop,
    });
  }
}
