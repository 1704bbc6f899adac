// One chat surface (the side-bar view or the editor panel): owns its webview, validates everything the webview posts, queues posts
// until the webview says it is ready, runs turns through the backend with one AbortController per
// request, and keeps the conversation in the history store.
import type * as vscode from 'vscode';
import { Emitter, type Event } from '../../core/emitter';
import { Disposable, toDisposable } from '../../core/lifecycle';
import { LogThrottle } from '../../core/logThrottle';
import type { ChatContext, ChatSendMessage, HostToWebviewMessage, ModelOption, PersistedConversation, TokenColors, WebviewToHostMessage } from '../../shared/protocol';
import { checkWebviewMessage } from '../../shared/protocolValidation';
import { setUpChatWebview } from './chatWebviewSetup';
import type { WorkspaceAttachments } from './workspaceAttachments';
import type { ChatBackend } from '../../core/chat/chatBackend';
import { ChatTurns, pickModelId, refusal } from '../../core/chat/chatTurns';
import { newConversation } from '../../core/chat/conversationModel';
import type { HistoryStore } from '../../core/chat/historyStore';
import { redactHostMessage } from '../../core/chat/redactChat';
import { errorAction, type ErrorActionId } from '../../core/bedrock/errors/classifiedError';
import type { ImageStore } from '../../core/chat/imageTurn';
import type { ImageTurnOptions } from '../../shared/imageProtocol';
import type { VoiceHostDeps } from '../speech/voiceChat';
import type { ConnectionWarmer, WarmReason } from '../../core/bedrock/connection/connectionWarmer';
import type { CodeActions } from './codeActions';
import { handleChatWebviewMessage } from './chatWebviewMessages';
import { AgentSession, type AgentSettings } from '../../core/agent/agentSession';
import type { ToolProvider } from '../../core/agent/agentLoop';
import type { ConfirmRestore } from '../agent/checkpointRestore';
import { readConversation, readHistoryList, readModelsList, type ChatPreferences, type ReadWarning } from '../../core/chat/panelModelsAndHistory';
import { generatesImages, imageTraitsOf } from '../../core/bedrock/images/imageFamily';

export type { ChatPreferences };

export const CHAT_VIEW_TYPE = 'bedrock.chat';
/** The chat view in its own view container (movable to the secondary side bar). */
export const CHAT_SIDE_VIEW_ID = 'bedrock.chatView';
export const CHAT_PANEL_TITLE = 'Bedrock Chat';

/** Where a chat lives: an editor tab (WebviewPanel) or a view in a side bar (WebviewView). Both behave the same. */
export type ChatSurface = vscode.WebviewPanel | vscode.WebviewView;

export interface ChatPanelDeps {
  extensionUri: vscode.Uri;
  backend: ChatBackend;
  history: HistoryStore;
  log?: vscode.LogOutputChannel;
  /** Handles an inline error's action button (sign in, open settings, …); `retry` never reaches it. */
  runErrorAction?(actionId: ErrorActionId): unknown;
  /** Insert at Cursor and Apply (they target the editor the user was last in, not the chat). */
  codeActions?: Pick<CodeActions, 'insert' | 'apply'>;
  /** The colour theme's token colours for code blocks, and their changes. */
  tokenColors?: { colors(): Promise<TokenColors>; onDidChange: Event<TokenColors> };
  clock?: () => number;
  /** Spaces out log lines about a misbehaving webview (tests inject one with a manual clock). */
  logThrottle?: LogThrottle;
  /** Attaching files, images and the editor's text, and reading them back when a turn is sent. */
  attachments?: WorkspaceAttachments;
  /** Records a model the user picked or chatted with, so the next chat, Explain and Ask start with it. */
  rememberModel?(modelId: string): unknown;
  /** Where image turns keep their images (absent: image turns say they cannot run here). */
  images?: ImageStore;
  /** Opens the connection a turn will use before the user sends (the view shows, the user types or picks a model). */
  warmer?: Pick<ConnectionWarmer, 'request' | 'noteUsed'>;
  /** Voice turns: the microphone, WAV files and the clips (absent: voice turns say they cannot run here). */
  voice?: VoiceHostDeps;
  /** The shared model choice, favourites and default system prompt (one for every chat surface, Explain and Ask). */
  preferences?: ChatPreferences;
  /** Opens the tool picker (agent mode's "Tools" button). */
  pickTools?(): unknown;
  /** Agent mode: where tools come from, and the approval policies and limits (absent: agent mode is refused). */
  agent?: { provider: ToolProvider; settings: AgentSettings; confirmRestore?: ConfirmRestore };
}

export interface ChatPanelRestore {
  conversationId?: string;
  modelId?: string;
}

export class ChatPanelHost<S extends ChatSurface = ChatSurface> extends Disposable {
  private ready = false;
  /** A `chat/send` arrived since the last `webview/ready` began. */
  private sentDuringReady = false;
  private queue: HostToWebviewMessage[] = [];
  private readonly turns: ChatTurns;
  private readonly logThrottle: LogThrottle;
  private conversationId: string | undefined;
  private selectedModelId: string | undefined;
  private models: ModelOption[] = [];
  /** Agent replies of this surface: tools, the approvals awaited, and what the user allowed per chat. */
  private readonly agent: AgentSession | undefined;
  private readonly onDidPostEmitter = this._register(new Emitter<HostToWebviewMessage>());
  private readonly onDidReceiveEmitter = this._register(new Emitter<WebviewToHostMessage>());
  private readonly onDidDisposeEmitter = this._register(new Emitter<void>());
  private readonly onDidFinishTurnEmitter = this._register(new Emitter<{ requestId: string; conversation: PersistedConversation }>());
  /** Every message the host posts (after validation of the request that caused it): for tests and logs. */
  readonly onDidPost = this.onDidPostEmitter.event;
  /** Every well-formed message the webview posted. */
  readonly onDidReceive = this.onDidReceiveEmitter.event;
  readonly onDidDispose = this.onDidDisposeEmitter.event;
  /** A turn ended (done, failed or cancelled) and its conversation was saved. */
  readonly onDidFinishTurn = this.onDidFinishTurnEmitter.event;

  constructor(
    /** The editor panel or the side-bar view this host drives. */
    readonly panel: S,
    private readonly deps: ChatPanelDeps,
    restore: ChatPanelRestore = {},
  ) {
    super();
    this.conversationId = restore.conversationId;
    this.selectedModelId = restore.modelId;
    this.logThrottle = deps.logThrottle ?? new LogThrottle();
    this.agent = deps.agent && new AgentSession(deps.agent.provider, deps.agent.settings);
    this.turns = new ChatTurns({
      agent: this.agent,
      backend: deps.backend,
      history: deps.history,
      post: (m) => this.post(m),
      onSaved: (conv) => {
        this.conversationId = conv.id;
        this.postHistory();
      },
      log: deps.log,
      clock: deps.clock,
      images: deps.images,
      attachments: deps.attachments?.reader,
      voice: deps.voice,
    });
    this._register(panel.webview.onDidReceiveMessage((raw) => this.receive(raw)));
    this._register(
      panel.onDidDispose(() => {
        this.onDidDisposeEmitter.fire();
        this.dispose();
      }),
    );
    this._register(toDisposable(() => this.turns.abortAll(new Error('The chat panel was closed'))));
    if (deps.backend.onDidChangeModels) this._register(deps.backend.onDidChangeModels(() => void this.postModels()));
    if ('onDidChangeVisibility' in panel) {
      this._register(panel.onDidChangeVisibility(() => panel.visible && this.warm('viewVisible')));
    }
    if (deps.tokenColors) this._register(deps.tokenColors.onDidChange((colors) => this.post({ method: 'theme/tokenColors', colors })));
    if (deps.preferences) this._register(deps.preferences.onDidChange((change) => this.onPreferencesChanged(change)));
    if (deps.voice) this._register(deps.voice.onDidChangeVoiceId(() => this.post(this.defaultsMessage())));
    setUpChatWebview(panel, deps.extensionUri, CHAT_PANEL_TITLE);
  }

  get isReady(): boolean {
    return this.ready;
  }

  get currentConversationId(): string | undefined {
    return this.conversationId;
  }

  /** Posts now if the webview listens, else queues until `webview/ready` (posts to a loading page are lost). */
  post(message: HostToWebviewMessage): void {
    if (this.isDisposed) return;
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    const safe = redactHostMessage(message);
    this.onDidPostEmitter.fire(safe);
    void this.panel.webview.postMessage(safe);
  }

  /** Entry point for everything the webview sends; public so tests can speak as the webview. */
  async receive(raw: unknown): Promise<void> {
    const checked = checkWebviewMessage(raw);
    if (!checked.ok) {
      // Malformed or hostile: never acted on. Logged without the payload (it may be huge), at most
      // once a minute per kind; a send that can still be told apart gets its answer.
      this.warnThrottled(`malformed ${checked.method}`, `chat panel: ignored a malformed ${checked.method} message: ${checked.problem}`);
      if (checked.requestId) {
        this.post(refusal(checked.requestId, { kind: 'validation', message: `The message was not sent: ${checked.problem}.`, action: errorAction('none') }));
      }
      return;
    }
    const msg = checked.message;
    this.onDidReceiveEmitter.fire(msg);
    try {
      await this.handle(msg);
    } catch (e) {
      this.warnThrottled(`failed ${msg.method}`, `chat panel: ${msg.method} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private warnThrottled(kind: string, message: string): void {
    const line = this.logThrottle.line(kind, message);
    if (line) this.deps.log?.warn(line);
  }

  /** `warnThrottled` as a callback for the helpers that read history and act on the editor. */
  private readonly warnRead: ReadWarning = (kind, message) => this.warnThrottled(kind, message);

  /** Puts text in the input box (and sends it when `send`). */
  prefill(text: string, send = false, modelId?: string, extra: { image?: ImageTurnOptions; context?: ChatContext } = {}): void {
    // A model that only edits images runs this one turn; it does not become the chat's model.
    if (modelId && !(extra.image && imageTraitsOf(modelId) && !generatesImages(modelId))) this.selectedModelId = modelId;
    this.post({ method: 'chat/prefill', text, send, modelId, ...(extra.image ? { image: extra.image } : {}), ...(extra.context ? { context: extra.context } : {}) });
  }

  /** Opens a fresh conversation with `modelId` selected (Chat with Model). */
  startConversation(modelId: string | undefined): void {
    if (modelId) this.selectedModelId = modelId;
    const conv = newConversation(randomId(), Date.now());
    if (modelId) conv.modelId = modelId;
    this.conversationId = conv.id;
    void this.postModels();
    this.post({ method: 'history/load', conversation: conv });
  }

  private handle(msg: WebviewToHostMessage): Promise<void> {
    return handleChatWebviewMessage(msg, {
      deps: this.deps,
      turns: this.turns,
      agent: this.agent,
      warn: this.warnRead,
      conversationId: () => this.conversationId,
      setConversationId: (id) => (this.conversationId = id),
      selectModel: (id) => (this.selectedModelId = id),
      post: (m) => this.post(m),
      onReady: () => this.onReady(),
      send: (m) => this.send(m),
      postModels: () => this.postModels(),
      postHistory: () => this.postHistory(),
      warm: (reason) => this.warm(reason),
    });
  }

  private async onReady(): Promise<void> {
    // A webview that reloads (or is restored) says ready again: it has lost everything, so it gets
    // the full picture before anything queued.
    this.ready = false;
    // A message sent while this handshake waits is already on the webview's screen: loading its
    // conversation from storage would replace the reply streaming into it.
    const restoreId = this.conversationId;
    this.sentDuringReady = false;
    const initial: HostToWebviewMessage[] = [];
    const [models, colors] = await Promise.all([this.modelsMessage(), this.deps.tokenColors?.colors()]);
    initial.push(models);
    // The view has just been shown: its first turn can skip the handshakes.
    this.warm('viewVisible');
    initial.push(this.defaultsMessage());
    initial.push({ method: 'history/list', conversations: readHistoryList(this.deps.history, this.warnRead) });
    if (colors) initial.push({ method: 'theme/tokenColors', colors });
    const conv = restoreId && !this.sentDuringReady ? readConversation(this.deps.history, restoreId, this.warnRead) : undefined;
    if (conv) initial.push({ method: 'history/load', conversation: conv });
    if (this.isDisposed) return;
    this.ready = true;
    const queued = this.queue;
    this.queue = [];
    for (const m of [...initial, ...queued]) this.post(m);
  }

  private async modelsMessage(): Promise<HostToWebviewMessage> {
    const { models, message } = await readModelsList(this.deps.backend, this.models, this.selectedModelId, this.deps.preferences, this.deps.log);
    this.models = models;
    return message;
  }

  private defaultsMessage(): HostToWebviewMessage {
    const voiceId = this.deps.voice?.voiceId?.();
    return { method: 'chat/defaults', system: this.deps.preferences?.defaultSystem() ?? '', ...(voiceId ? { voiceId } : {}) };
  }

  /**
   * Another surface (or Explain, or the setting) chose a model, starred one, or saved a default
   * system prompt: this chat follows, so choosing once is enough everywhere.
   */
  private onPreferencesChanged(change: 'model' | 'favourites' | 'defaultSystem'): void {
    if (change === 'defaultSystem') return this.post(this.defaultsMessage());
    const chosen = change === 'model' ? this.deps.preferences?.current() : undefined;
    if (chosen) this.selectedModelId = chosen;
    void this.modelsMessage().then((m) => this.post(chosen && m.method === 'models/list' ? { ...m, chosenElsewhere: true } : m));
  }

  private async postModels(): Promise<void> {
    this.post(await this.modelsMessage());
  }

  private postHistory(): void {
    this.post({ method: 'history/list', conversations: readHistoryList(this.deps.history, this.warnRead) });
  }

  /** Warms the selected model's connection (the warmer decides whether that is worthwhile). */
  private warm(reason: WarmReason): void {
    void this.deps.warmer?.request(this.selectedModelId ?? this.deps.backend.defaultModelId?.(), reason);
  }

  private async send(msg: ChatSendMessage): Promise<void> {
    this.sentDuringReady = true;
    const modelId = pickModelId(msg.modelId, this.selectedModelId, this.deps.backend.defaultModelId?.(), this.models[0]?.id);
    if (modelId) {
      this.selectedModelId = modelId;
      void this.deps.rememberModel?.(modelId);
    }
    if (modelId) this.deps.warmer?.noteUsed(modelId);
    const conversation = await this.turns.send(msg, modelId, this.models.find((m) => m.id === modelId));
    if (conversation) this.onDidFinishTurnEmitter.fire({ requestId: msg.requestId, conversation });
  }
}

export function randomId(): string {
  return globalThis.crypto.randomUUID();
}

