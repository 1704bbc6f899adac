// Registers the chat panel: the two commands, the serializer that brings the panel back after a
// window reload, and the one panel instance they share.
import * as vscode from 'vscode';
import { readPersistedWebviewState } from '../../shared/persistedReaders';
import type { ChatBackend } from './chatBackend';
import { CHAT_PANEL_TITLE, CHAT_VIEW_TYPE, ChatPanelHost, type ChatPanelRestore } from './chatPanelHost';
import { runChatErrorAction } from './errorActions';
import { HistoryStore } from './historyStore';
import { modelIdFromArgument } from './modelOptions';

export interface ChatPanelRegistration {
  commands: {
    'bedrock.openChat': () => ChatPanelHost;
    'bedrock.chatWithModel': (arg?: unknown) => ChatPanelHost;
  };
  /** The open panel, if any (tests drive it as the webview would). */
  panelForTests(): ChatPanelHost | undefined;
  /** The serializer's restore path, callable without reloading the window (tests). */
  restoreForTests(panel: vscode.WebviewPanel, state: unknown): ChatPanelHost;
  /** Opens (or reveals) the panel and fills the input box, e.g. for "Explain selection". */
  prefill(text: string, send?: boolean, modelId?: string): ChatPanelHost;
  readonly history: HistoryStore;
  dispose(): void;
}

export interface RegisterChatPanelDeps {
  backend: ChatBackend;
  log?: vscode.LogOutputChannel;
  /** Hears, once each, what was unreadable in the stored history (defaults to the log). */
  warnStored?: (message: string) => void;
}

export function registerChatPanel(context: vscode.ExtensionContext, deps: RegisterChatPanelDeps): ChatPanelRegistration {
  const history = new HistoryStore(context.workspaceState, deps.warnStored ?? ((message) => deps.log?.warn(message)));
  const disposables: vscode.Disposable[] = [];
  let current: ChatPanelHost | undefined;
  // The panel takes focus when a code button is pressed, so remember the editor the user was in.
  let lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  disposables.push(
    vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e) lastEditor = e;
    }),
  );

  const adopt = (panel: vscode.WebviewPanel, restore?: ChatPanelRestore) => {
    current?.dispose();
    const host = new ChatPanelHost(
      panel,
      {
        extensionUri: context.extensionUri,
        backend: deps.backend,
        history,
        log: deps.log,
        runErrorAction: runChatErrorAction,
        lastTextEditor: () => (lastEditor && !lastEditor.document.isClosed ? lastEditor : undefined),
      },
      restore,
    );
    current = host;
    host.onDidDispose(() => {
      if (current === host) current = undefined;
    });
    return host;
  };

  const open = (): ChatPanelHost => {
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
  const restore = (panel: vscode.WebviewPanel, state: unknown): ChatPanelHost => {
    const s = readPersistedWebviewState(state);
    return adopt(panel, { conversationId: s?.conversationId, modelId: s?.selectedModelId });
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
      'bedrock.openChat': open,
      'bedrock.chatWithModel': (arg?: unknown) => {
        const host = open();
        host.startConversation(modelIdFromArgument(arg));
        return host;
      },
    },
    panelForTests: () => current,
    restoreForTests: restore,
    prefill: (text, send = false, modelId) => {
      const host = open();
      host.prefill(text, send, modelId);
      return host;
    },
    history,
    dispose: () => {
      current?.panel.dispose();
      for (const d of disposables) d.dispose();
    },
  };
}
