// What a chat surface does with each well-formed message its webview posts. Split out of
// chatPanelHost.ts, which validates the message first and supplies its own state and steps here.
import type { ChatSendMessage, HostToWebviewMessage, WebviewToHostMessage } from '../../shared/protocol';
import { handledEveryMessage } from '../../shared/exhaustive';
import type { ChatTurns } from '../../core/chat/chatTurns';
import { deleteConversation, readConversation, type ReadWarning } from '../../core/chat/panelModelsAndHistory';
import type { WarmReason } from '../../core/bedrock/connection/connectionWarmer';
import type { AgentSession } from '../../core/agent/agentSession';
import { runImageAction } from '../images/imageActions';
import { runVoiceMessage } from '../speech/voiceChat';
import { deleteStoredTurns } from './transcriptEdits';
import { runChatEditorAction } from './chatEditorActions';
import { askToRestore, restoreAgentTurn } from '../agent/checkpointRestore';
import type { ChatPanelDeps } from './chatPanelHost';

/** The chat surface as its messages see it: its dependencies, its state and its steps. */
export interface ChatMessageTarget {
  readonly deps: ChatPanelDeps;
  readonly turns: ChatTurns;
  readonly agent: AgentSession | undefined;
  readonly warn: ReadWarning;
  conversationId(): string | undefined;
  setConversationId(id: string | undefined): void;
  selectModel(modelId: string): void;
  post(message: HostToWebviewMessage): void;
  onReady(): Promise<void>;
  send(msg: ChatSendMessage): Promise<void>;
  postModels(): Promise<void>;
  postHistory(): void;
  warm(reason: WarmReason): void;
}

export async function handleChatWebviewMessage(msg: WebviewToHostMessage, t: ChatMessageTarget): Promise<void> {
  const deps = t.deps;
  switch (msg.method) {
    case 'webview/ready':
      return t.onReady();
    case 'chat/send':
      return t.send(msg);
    case 'chat/cancel':
      t.turns.cancel(msg.requestId, new Error('Stopped by the user'));
      return;
    case 'error/action':
      if (msg.actionId !== 'retry' && msg.actionId !== 'none') await deps.runErrorAction?.(msg.actionId);
      return;
    case 'link/open':
    case 'code/copy':
    case 'code/insert':
    case 'code/apply':
    case 'editor/reveal':
    case 'code/openInNewFile':
    case 'editor/focus':
      return runChatEditorAction(msg, { codeActions: deps.codeActions, warn: t.warn });
    case 'chat/deleteTurns': {
      const conv = await deleteStoredTurns(deps.history, msg);
      if (conv) t.postHistory();
      return;
    }
    case 'models/list':
      return t.postModels();
    case 'models/select':
      t.selectModel(msg.modelId);
      t.warm('modelPicker');
      await deps.rememberModel?.(msg.modelId);
      return;
    case 'models/favourite':
      await deps.preferences?.setFavourite(msg.modelId, msg.favourite);
      return;
    case 'settings/saveDefaultSystem':
      await deps.preferences?.saveDefaultSystem(msg.system);
      return;
    case 'history/list':
      return t.postHistory();
    case 'history/open': {
      const conv = readConversation(deps.history, msg.conversationId, t.warn);
      if (!conv) return t.postHistory();
      t.setConversationId(conv.id);
      t.agent?.checkpoints.keepOnly(conv.id);
      t.post({ method: 'history/load', conversation: conv });
      return;
    }
    case 'history/delete':
      await deleteConversation(deps.history, deps.images, msg.conversationId, t.warn);
      if (t.conversationId() === msg.conversationId) t.setConversationId(undefined);
      return t.postHistory();
    case 'history/new':
      t.setConversationId(msg.conversationId);
      t.agent?.checkpoints.keepOnly(msg.conversationId);
      return;
    case 'image/action':
      if (deps.images) await runImageAction(deps.images, msg, (m) => t.post(m));
      return;
    case 'composer/typing':
      t.warm('typing');
      return;
    case 'voice/pickFile':
    case 'voice/endInput':
    case 'voice/load':
    case 'voice/setVoice':
      return runVoiceMessage(msg, deps.voice, t.turns, (m) => t.post(m));
    case 'attach/pick':
    case 'attach/data':
    case 'attach/uris':
      if (deps.attachments) return deps.attachments.handle(msg, (m) => t.post(m));
      t.post({ method: 'attach/refused', message: 'Attachments are not available in this chat.' });
      return;
    case 'agent/approve':
      // An answer nobody waits for (already answered, or the turn stopped) changes nothing.
      t.agent?.answer(msg.requestId, msg.toolId, msg.decision, msg.edited);
      return;
    case 'agent/pickTools':
      await deps.pickTools?.();
      return;
    case 'agent/restore':
      // Answered once, whatever happens (restoreAgentTurn never throws).
      t.post(await restoreAgentTurn(t.agent?.checkpoints, msg.requestId, deps.agent?.confirmRestore ?? askToRestore));
      return;
    default:
      return handledEveryMessage(msg);
  }
}
