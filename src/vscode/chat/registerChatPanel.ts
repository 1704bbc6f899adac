// Registers the chat: the view in its own container (where Open Chat, Chat with Model and the editor
// commands land), the editor-tab panel for those who want one (with the serializer that brings it back
// after a window reload), and the commands that open them. Both run the same host.
import * as vscode from 'vscode';
import { toDisposable, type IDisposable } from '../../core/lifecycle';
import { readPersistedWebviewState } from '../../shared/persistedReaders';
import type { FeatureRegistration } from '../commands';
import type { ChatBackend } from '../../core/chat/chatBackend';
import type { ChatContext } from '../../shared/protocol';
import { CHAT_PANEL_TITLE, CHAT_SIDE_VIEW_ID, CHAT_VIEW_TYPE, ChatPanelHost, type ChatPanelRestore, type ChatPreferences, type ChatSurface } from './chatPanelHost';
import { runChatErrorAction } from './errorActions';
import { HistoryStore } from '../../core/chat/historyStore';
import { modelIdFromArgument } from '../../core/chat/modelOptions';
import type { ImageStore } from '../../core/chat/imageTurn';
import type { ImageTurnOptions } from '../../shared/imageProtocol';
import { ConnectionWarmer } from '../../core/bedrock/connection/connectionWarmer';
import { SESSION_IDLE_MS } from '../../core/bedrock/connection/pooledHttp2Handler';
import { APPLY_SCHEME, CodeActions } from './codeActions';
import { ThemeTokenColors } from './themeColors';
import { ContentStore } from '../../core/chat/attachments/contentStore';
import { WorkspaceAttachments } from './workspaceAttachments';
import type { ToolProvider } from '../../core/agent/agentLoop';
import { agentSettings } from './agentSettings';
import type { ConfirmRestore } from '../agent/checkpointRestore';
import { voiceHostDeps } from '../speech/voiceChat';
import type { Router } from '../../core/bedrock/routing/router';

interface ChatCommands {
  'bedrock.openChat': () => Promise<ChatPanelHost<vscode.WebviewView>>;
  'bedrock.openChatInEditor': () => ChatPanelHost<vscode.WebviewPanel>;
  'bedrock.chatWithModel': (arg?: unknown) => Promise<ChatPanelHost<vscode.WebviewView>>;
}

/** The chat's `FeatureRegistration`, with what the in-extension-host tests drive. */
export interface ChatPanelRegistration extends FeatureRegistration<ChatCommands> {
  /** The open editor panel, if any (tests drive it as the webview would). */
  panelForTests(): ChatPanelHost<vscode.WebviewPanel> | undefined;
  /** The chat view's host once VS Code has resolved the view, if it has. */
  viewForTests(): ChatPanelHost<vscode.WebviewView> | undefined;
  /** The serializer's restore path, callable without reloading the window (tests). */
  restoreForTests(panel: vscode.WebviewPanel, state: unknown): ChatPanelHost<vscode.WebviewPanel>;
  /**
   * Shows the chat view without taking focus from the editor and fills its input box (and sends it),
   * e.g. for "Explain selection": the answer appears beside the code, never over it.
   */
  prefill(text: string, send?: boolean, modelId?: string, extra?: { image?: ImageTurnOptions; context?: ChatContext }): Promise<ChatPanelHost<vscode.WebviewView>>;
  readonly history: HistoryStore;
  /** Decides when the chat's connection is opened ahead of a turn (tests reset it). */
  readonly warmer: ConnectionWarmer;
  /** The view provider, the serializer, and the open panel and view. */
  disposables: IDisposable[];
  /** Insert at Cursor and Apply (tests answer Apply's question themselves). */
  readonly codeActions: CodeActions;
}

export interface RegisterChatPanelDeps {
  backend: ChatBackend;
  log?: vscode.LogOutputChannel;
  /** Hears, once each, what was unreadable in the stored history (defaults to the log). */
  warnStored?: (message: string) => void;
  /** Records the model each chat uses (shared with Explain and Ask). */
  rememberModel?(modelId: string): unknown;
  /** Favourites, the default system prompt and the shared choice, for every chat surface. */
  preferences?: ChatPreferences;
  /** Where image turns keep their images. */
  images?: ImageStore;
  /** Runs voice sessions (the router); absent: voice turns say they cannot run here. */
  voiceSession?: Pick<Router, 'voice'>;
  /** Opens the connection a chat turn with `modelId` will use (nothing billed); false if nothing was warmed. */
  warm?(modelId: string): Promise<boolean>;
  /** Connections are rebuilt when this fires, so earlier warm-ups no longer count. */
  onDidChangeConnection?: vscode.Event<unknown>;
  /** The tools agent mode offers (the workspace's and VS Code's), and how Restore asks; without it, agent mode is refused with a message. */
  agentTools?: ToolProvider & { confirmRestore?: ConfirmRestore };
}

export function registerChat(context: vscode.ExtensionContext, deps: RegisterChatPanelDeps): ChatPanelRegistration {
  const history = new HistoryStore(context.workspaceState, deps.warnStored ?? ((message) => deps.log?.warn(message)));
  const disposables: vscode.Disposable[] = [];
  // Connections open while the user is still typing or choosing — only in a focused window.
  const warm = deps.warm;
  const warmer = new ConnectionWarmer({ warm: (modelId) => (warm ? warm(modelId) : Promise.resolve(false)), focused: () => vscode.window.state.focused, idleMs: SESSION_IDLE_MS });
  if (deps.onDidChangeConnection) disposables.push(deps.onDidChangeConnection(() => warmer.reset()));
  let current: ChatPanelHost<vscode.WebviewPanel> | undefined;
  let sideView: ChatPanelHost<vscode.WebviewView> | undefined;
  const sideViewResolved: Array<(host: ChatPanelHost<vscode.WebviewView>) => void> = [];
  // The panel takes focus when a code button is pressed, so remember the editor the user was in.
  let lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  disposables.push(
    vscode.window.onDidChangeActiveTextEditor((e) => {
      // The Apply diff's proposal and output panes are not where code is inserted.
      if (e && e.document.uri.scheme !== APPLY_SCHEME && e.document.uri.scheme !== 'output') lastEditor = e;
    }),
  );

  const codeActions = new CodeActions({ lastTextEditor: () => (lastEditor && !lastEditor.document.isClosed ? lastEditor : undefined), log: deps.log });
  const tokenColors = new ThemeTokenColors(deps.log);
  disposables.push(codeActions, tokenColors);

  // Attachment bytes that are not workspace files (pasted images, selections) live in the extension's
  // own storage by hash; conversations keep only the reference.
  // Voice clips (recordings, WAV files sent, spoken replies) are kept the same way.
  const contentStore = new ContentStore(vscode.Uri.joinPath(context.globalStorageUri, 'attachments').fsPath);
  const voice = deps.voiceSession ? voiceHostDeps(deps.voiceSession, contentStore) : undefined;
  const attachments = new WorkspaceAttachments(contentStore, () =>
    lastEditor && !lastEditor.document.isClosed ? lastEditor : undefined,
  );
  const hostFor = <S extends ChatSurface>(surface: S, restore?: ChatPanelRestore): ChatPanelHost<S> =>
    new ChatPanelHost(
      surface,
      {
        extensionUri: context.extensionUri,
        backend: deps.backend,
        history,
        log: deps.log,
        runErrorAction: runChatErrorAction,
        codeActions,
        tokenColors,
        rememberModel: deps.rememberModel,
        preferences: deps.preferences,
        // The tool picker is its own command (also in the palette); the chat's "Tools" button runs it.
        pickTools: () => vscode.commands.executeCommand('bedrock.chat.pickTools'),
        agent: deps.agentTools && { provider: deps.agentTools, settings: agentSettings, confirmRestore: deps.agentTools.confirmRestore },
        images: deps.images,
        warmer,
        attachments,
        voice,
      },
      restore,
    );

  const adopt = (panel: vscode.WebviewPanel, restore?: ChatPanelRestore) => {
    current?.dispose();
    const host = hostFor(panel, restore);
    current = host;
    host.onDidDispose(() => {
      if (current === host) current = undefined;
    });
    return host;
  };

  const openInEditor = (): ChatPanelHost<vscode.WebviewPanel> => {
    if (current) {
      current.panel.reveal(current.panel.viewColumn ?? vscode.ViewColumn.Beside);
      return current;
    }
    const panel = vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, CHAT_PANEL_TITLE, vscode.ViewColumn.Beside, {
      enableScripts: true,
      // Hiding the panel must lose nothing, mid-stream included; the DOM of one chat is small.
      retainContextWhenHidden: true,
      enableFindWidget: true,
    });
    return adopt(panel);
  };

  /** What VS Code calls after a window reload for a panel that was open: restore from the webview's saved state. */
  const restore = (panel: vscode.WebviewPanel, state: unknown): ChatPanelHost<vscode.WebviewPanel> => {
    const s = readPersistedWebviewState(state);
    return adopt(panel, { conversationId: s?.conversationId, modelId: s?.selectedModelId });
  };
  disposables.push(
    vscode.window.registerWebviewViewProvider(
      CHAT_SIDE_VIEW_ID,
      {
        resolveWebviewView(view, context) {
          // VS Code resolves the view again after it was disposed (e.g. moved to another side bar).
          sideView?.dispose();
          const s = readPersistedWebviewState(context.state);
          const host = hostFor(view, { conversationId: s?.conversationId, modelId: s?.selectedModelId });
          sideView = host;
          host.onDidDispose(() => {
            if (sideView === host) sideView = undefined;
          });
          for (const waiter of sideViewResolved.splice(0)) waiter(host);
        },
      },
      // Hiding the view (switching side-bar tabs) must lose nothing, mid-stream included.
      { webviewOptions: { retainContextWhenHidden: true } },
    ),
  );

  /** Shows the chat view, resolving it first if VS Code has not yet; `preserveFocus` leaves the keyboard where it is. */
  const showView = async (preserveFocus: boolean): Promise<ChatPanelHost<vscode.WebviewView>> => {
    if (sideView) {
      sideView.panel.show(preserveFocus);
      return sideView;
    }
    const resolved = new Promise<ChatPanelHost<vscode.WebviewView>>((resolve) => sideViewResolved.push(resolve));
    const editorHadFocus = preserveFocus && vscode.window.activeTextEditor !== undefined;
    // `<view>.focus` is the one command that both opens the container and resolves the view.
    await vscode.commands.executeCommand(`${CHAT_SIDE_VIEW_ID}.focus`);
    const host = await resolved;
    if (editorHadFocus) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    return host;
  };

  disposables.push(
    vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state) {
        restore(panel, state);
      },
    }),
  );

  return {
    commands: {
      'bedrock.openChat': () => showView(false),
      'bedrock.openChatInEditor': openInEditor,
      'bedrock.chatWithModel': async (arg?: unknown) => {
        const host = await showView(false);
        host.startConversation(modelIdFromArgument(arg));
        return host;
      },
    },
    panelForTests: () => current,
    viewForTests: () => sideView,
    restoreForTests: restore,
    prefill: async (text, send = false, modelId, extra) => {
      // The handshake overlaps with showing the view.
      if (send) void warmer.request(modelId ?? deps.backend.defaultModelId?.(), 'explain');
      const host = await showView(true);
      host.prefill(text, send, modelId, extra);
      return host;
    },
    history,
    warmer,
    codeActions,
    disposables: [
      ...disposables,
      toDisposable(() => {
        current?.panel.dispose();
        sideView?.dispose();
      }),
    ],
  };
}
