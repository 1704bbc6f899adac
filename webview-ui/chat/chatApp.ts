// The chat webview: header (model, new chat, history, settings), transcript, composer, each
// its own module; this one wires them to the host and runs the conversation. State the user would
// miss after hide/show or a reload goes to `setState`; the conversation itself lives in the host,
// which sends it back on `webview/ready`.
import { errorAction } from '../../src/shared/coreNames';
import { readPersistedWebviewState } from '../../src/shared/persistedReaders';
import type { ChatContext, ChatStreamMessage, HostToWebviewMessage, PersistedConversation } from '../../src/shared/protocol';
import type { ChatHeader } from './chatHeader';
import { lateToolResult, renderStreamMessage, type StoppedReply } from './chatStream';
import type { Composer } from './composer';
import type { AttachmentTray } from './attachmentTray';
import { createComposerParts } from './composerParts';
import type { ComposerControls } from './composerControls';
import type { AgentControls } from './agentControls';
import { el, newId } from './dom';
import { chatParams, createHeaderPanels } from './headerPanels';
import type { HistoryPanel } from './historyPanel';
import { routeHostMessage } from './hostMessages';
import type { MessageEditing } from './messageEditing';
import type { ModelPicker } from './modelPicker';
import { SentTurns } from './sentTurns';
import type { SettingsPanel } from './settingsPanel';
import { StreamGate } from './streamGate';
import { TranscriptView } from './transcriptView';
import { TurnRestores } from './turnRestore';
import { dispatchTurnAction, userTurnAtOrBefore } from './turnActions';
import { AssistantTurnView, UserTurnView, type MarkdownFactory } from './turnViews';
import type { HostApi } from './vscodeApi';
import { ImageTurns, type Origin } from '../images/imageTurns';
import type { ImageTurnOptions } from '../../src/shared/imageProtocol';
import type { VoiceInput } from '../../src/shared/voiceProtocol';
import { VoiceTurns } from '../voice/voiceTurns';
import { resendVoice } from '../voice/voiceRetry';

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
  private streamingView: AssistantTurnView | undefined;
  /** The reply last stopped here without waiting for the host (see lateToolResult). */
  private stoppedHere: StoppedReply | undefined;

  private readonly picker: ModelPicker;
  private readonly header: ChatHeader;
  private readonly settings: SettingsPanel;
  private readonly controls: ComposerControls;
  private readonly agent: AgentControls;
  private readonly history: HistoryPanel;
  private readonly transcript: TranscriptView;
  private readonly composer: Composer;
  private readonly tray: AttachmentTray;
  private readonly editing: MessageEditing;
  /** Makes user turns and remembers what each attached, so Retry and Regenerate send it again. */
  private readonly sent = new SentTurns();
  private readonly status: HTMLElement;
  private readonly images: ImageTurns;
  private readonly voice: VoiceTurns;
  /** The text and image options of the image turn streaming now (its gallery's buttons reuse them). */
  private streamingImage: Origin | undefined;
  /** Restore on the agent turns run here since the chat was shown. */
  private readonly restores = new TurnRestores((m) => this.host.postMessage(m));

  constructor(opts: ChatAppOptions) {
    this.host = opts.host;
    this.makeMarkdown = opts.makeMarkdown;
    const saved = readPersistedWebviewState(this.host.getState());
    this.conversationId = saved?.conversationId ?? newId();

    ({ picker: this.picker, settings: this.settings, controls: this.controls, agent: this.agent, history: this.history, header: this.header } = createHeaderPanels({
      host: this.host,
      initialModelId: saved?.selectedModelId,
      initialAgent: saved?.agent ?? false,
      selectModel: (id) => this.selectModel(id),
      saveState: () => this.saveState(),
      newChat: () => this.newChat(),
      focusComposer: () => this.composer.focus(),
    }));
    this.transcript = new TranscriptView({ onAction: (b) => this.onTurnAction(b), onScrolled: () => this.saveState() });
    ({ tray: this.tray, composer: this.composer, editing: this.editing } = createComposerParts({
      host: this.host,
      initialDraft: saved?.draft ?? '',
      initialAttachments: saved?.attachments,
      controls: this.controls, transcript: this.transcript, sent: this.sent,
      isBusy: () => !!this.gate.active,
      send: () => this.send(), stop: () => this.stop(), saveState: () => this.saveState(),
    }));
    this.status = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.images = new ImageTurns({
      host: this.host,
      send: (text, image, modelId) => this.send(undefined, text, { image, ...(modelId ? { modelId } : {}) }),
      model: () => this.picker.model,
      announce: (text) => (this.status.textContent = text),
    });
    this.voice = new VoiceTurns({ host: this.host, send: (text, voice) => this.send(undefined, text, { voice }), announce: (text) => (this.status.textContent = text) });
    this.settings.addField(this.voice.choice.element);

    opts.root.replaceChildren(
      el('div', { class: 'chat-root' }, this.header.element, this.settings.element, this.history.element, this.transcript.element, this.images.bar.element, this.voice.bar, this.composer.element, this.status),
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

  private onHostMessage(m: HostToWebviewMessage): void {
    routeHostMessage(m, {
      picker: this.picker,
      settings: this.settings,
      history: this.history,
      tray: this.tray,
      images: this.images,
      voice: this.voice,
      composer: this.composer,
      restores: this.restores,
      conversationId: () => this.conversationId,
      isEmpty: () => !this.transcript.turns.length,
      stream: (s) => this.onStream(s),
      selectModel: (id) => this.selectModel(id),
      modelChanged: () => this.onModelChanged(),
      saveState: () => this.saveState(),
      load: (conv) => this.load(conv),
      sendNow: (overrides) => {
        this.stopLocally();
        this.send(undefined, undefined, overrides);
      },
    });
  }

  private onStream(m: ChatStreamMessage): void {
    if (!this.gate.accept(m)) return lateToolResult(m, this.stoppedHere);
    const view = this.streamingView;
    if (!view) return;
    renderStreamMessage(view, m, {
      follow: () => this.transcript.scrollToEndIfFollowing(),
      done: (announcement) => this.streamDone(announcement),
      announce: (text) => (this.status.textContent = text),
      gallery: (images) => this.images.live(images, this.streamingImage ?? { text: '', options: {} }),
      voice: (v) => this.voice.onMessage(v, view),
    });
    if (m.method === 'chat/end' || m.method === 'chat/error') this.voice.ended(m.requestId);
  }

  private streamDone(announcement: string): void {
    this.streamingView = undefined;
    this.status.textContent = announcement;
    this.updateControls();
    this.transcript.scrollToEndIfFollowing();
  }

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
    this.voice.setModel(model);
    this.composer.input.placeholder = model?.image ? 'Describe the image…' : (this.voice.placeholder(model) ?? 'Message the model…');
    this.controls.setModel(model);
    this.agent.setModel(model);
    this.controls.showActive(this.settings.active());
  }

  private send(replaceFromTurn?: number, textOverride?: string, overrides: { image?: ImageTurnOptions; context?: ChatContext; voice?: VoiceInput; modelId?: string } = {}): void {
    if (this.gate.active) return;
    const text = textOverride ?? this.composer.text;
    if (!text.trim() && !overrides.voice) return;
    const voice = overrides.voice ?? (this.picker.model?.voice ? { source: 'text' as const } : undefined);
    const from = replaceFromTurn ?? this.editing.index;
    // Sending a turn again keeps what it was asked with (a removed background stays a removal), with a new seed.
    const again = from !== undefined ? (this.transcript.turns[from] as UserTurnView | undefined)?.imageOptions : undefined;
    const image = overrides.modelId ? overrides.image : this.images.optionsFor(overrides.image ?? (again ? { ...again, seed: undefined } : undefined));
    this.streamingImage = image ? { text, options: image, ...(overrides.modelId ? { modelId: overrides.modelId } : {}) } : undefined;
    // An edited message keeps the editor code it was about.
    const context = overrides.context ?? (from !== undefined ? (this.transcript.turns[from] as UserTurnView | undefined)?.context : undefined);
    // A resend carries the attachments of the message it repeats; a new or edited message the tray's.
    const repeated = from !== undefined ? this.transcript.turns[from] : undefined;
    const attachments = image || voice ? [] : textOverride !== undefined && repeated instanceof UserTurnView ? this.sent.attachmentsOf(repeated) : this.tray.take();
    if (from !== undefined) this.transcript.truncate(from);
    this.editing.set(undefined);
    const requestId = newId();
    this.gate.expect(requestId);
    const userView = this.sent.userTurn(text, attachments, context);
    userView.imageOptions = image;
    this.transcript.add(userView);
    // One answer per approval, only while its reply streams.
    const view = new AssistantTurnView(this.makeMarkdown, true, (toolId, decision, edited) =>
      this.gate.active === requestId && this.host.postMessage({ method: 'agent/approve', requestId, toolId, decision, ...(edited !== undefined ? { edited } : {}) }), this.restores.forTurn(requestId));
    this.streamingView = view;
    const agent = this.agent.enabled && !image;
    this.transcript.add(view);
    if (textOverride === undefined) this.composer.text = '';
    const params = chatParams(this.settings, this.controls);
    const api = this.settings.api;
    const modelId = overrides.modelId ?? this.picker.selectedId;
    if (voice) this.voice.sent(requestId, userView, { input: voice, ...(modelId ? { modelId } : {}) });
    this.host.postMessage({
      method: 'chat/send',
      requestId,
      conversationId: this.conversationId,
      text,
      ...(modelId ? { modelId } : {}),
      ...(from !== undefined ? { replaceFromTurn: from } : {}),
      system: this.settings.system,
      ...(params ? { params } : {}),
      ...(api && !image && !voice ? { api } : {}),
      ...(voice ? { voice } : {}),
      ...(image ? { image } : {}),
      ...(context ? { context } : {}),
      ...(attachments.length ? { attachments } : {}),
      ...(agent ? { agent } : {}),
    });
    this.status.textContent = 'Waiting for the reply…';
    this.updateControls();
    this.transcript.startFollowing();
    this.saveState();
  }

  private stop(): void {
    const id = this.gate.active;
    if (id) this.host.postMessage({ method: 'chat/cancel', requestId: id });
    this.voice.playback.stop();
  }

  /**
   * Stops the running reply without waiting for the host to confirm: the partial reply stays on
   * screen as stopped (the host keeps it in history too), and later posts for it are dropped.
   */
  private stopLocally(): void {
    if (!this.gate.active) return;
    if (this.streamingView) this.stoppedHere = { requestId: this.gate.active, view: this.streamingView };
    this.stop();
    this.streamingView?.fail({ kind: 'cancelled', message: 'Stopped.', action: errorAction('none') }, undefined);
    this.gate.reset();
    this.streamDone('Reply stopped.');
  }

  /** Resends the user message at or before `index` (Retry after an error, Regenerate a reply): later turns are replaced; a voice turn stays one. */
  private resendFrom(index: number): void {
    const u = userTurnAtOrBefore(this.transcript.turns, index);
    if (u < 0) return;
    const user = this.transcript.turns[u] as UserTurnView;
    this.send(u, user.text, { context: user.context, ...resendVoice(user.voice, this.picker.model) });
  }

  /** Deletes a message with its reply (or a reply with its message), here and in the stored conversation. */
  private deleteExchange(index: number): void {
    if (this.gate.active || index < 0) return;
    const range = this.transcript.exchangeAt(index);
    const editing = this.editing.index;
    if (editing !== undefined && editing >= range.from) this.editing.cancel();
    this.transcript.remove(range.from, range.count);
    this.host.postMessage({ method: 'chat/deleteTurns', conversationId: this.conversationId, fromTurn: range.from, count: range.count });
    this.status.textContent = 'Message deleted.';
    this.updateControls();
  }

  private onTurnAction(button: Element): void {
    dispatchTurnAction(button, this.transcript.turns, {
      host: this.host,
      announce: (text) => (this.status.textContent = text),
      lastRequestId: () => this.gate.lastRequestId,
      edit: (index) => this.editing.start(index),
      delete: (index) => this.deleteExchange(index),
      resend: (index) => this.resendFrom(index),
    });
  }

  private load(conv: PersistedConversation): void {
    this.editing.set(undefined);
    this.startConversation(conv.id);
    this.sent.restore(conv.turns, this.makeMarkdown, this.images, this.voice, (view) => this.transcript.add(view));
    if (conv.modelId) this.picker.show(conv.modelId);
    this.onModelChanged();
    // A conversation not yet begun (Chat with Model) starts from the saved default system prompt.
    const system = conv.turns.length === 0 && conv.system === undefined ? this.settings.savedDefaultSystem : conv.system;
    this.settings.load(system, conv.params, conv.api);
    this.controls.setLevel(conv.params?.reasoning);
    this.updateControls();
    const saved = readPersistedWebviewState(this.host.getState());
    // The chat's own mode: as this view left it, else on when the chat used tools.
    this.agent.set(saved?.conversationId === conv.id ? !!saved.agent : conv.turns.some((t) => !!t.steps?.length));
    this.transcript.restoreScroll(saved?.conversationId === conv.id ? saved.scrollTop : undefined);
    this.saveState();
  }

  /** Empties the transcript and what belongs to its turns, for another conversation (a stored one, or a new chat). */
  private startConversation(id: string): void {
    this.gate.reset();
    this.streamingView = undefined;
    this.conversationId = id;
    this.restores.clear();
    this.transcript.truncate(0);
    this.images.clear();
    this.voice.clear();
  }

  private newChat(): void {
    if (this.gate.active) this.stop();
    this.startConversation(newId());
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

  private saveState(): void {
    const modelId = this.picker.selectedId;
    this.host.setState({
      v: 1,
      conversationId: this.conversationId,
      draft: this.editing.index === undefined ? this.composer.text : '',
      // While a message is edited the tray holds that message's chips, which the transcript keeps.
      ...(this.editing.index === undefined && this.tray.attachments.length ? { attachments: [...this.tray.attachments] } : {}),
      ...(modelId ? { selectedModelId: modelId } : {}),
      ...(this.agent.chosen ? { agent: true } : {}),
      scrollTop: this.transcript.scrollTop,
    });
  }
}
