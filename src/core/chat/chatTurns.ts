// Runs the chat turns of one panel. No vscode here, so the guarantees are unit-tested in node:
// every `chat/send` gets exactly one terminal message (`chat/end` or `chat/error`) whatever
// throws on the way (unreadable history, a request that cannot be built, a failing save), and a
// send that replaces a running reply waits until that reply's partial text is saved, so two sends
// in one conversation keep both turns.
import { BedrockError, errorAction } from '../bedrock/errors/classifiedError';
import { readStoredConversation } from '../../shared/persistedRecords';
import type { ChatSendMessage, ChatStreamMessage, ModelOption, PersistedConversation, PersistedTurn, WireError, WireToolCall } from '../../shared/protocol';
import type { ImageTurnOptions } from '../../shared/imageProtocol';
import type { ChatBackend } from './chatBackend';
import { beginTurn, clampParams, newConversation, toChatRequest } from './conversationModel';
import type { HistoryStore } from './historyStore';
import { runTurn } from './turnRunner';
import { runImageTurn, type ImageStore } from './imageTurn';
import { prepareVoiceInput, runVoiceChatTurn, type VoiceChatDeps } from './voiceTurn';
import type { VoiceInput, VoiceModelTraits } from '../../shared/voiceProtocol';
import { chooseVoice } from '../bedrock/speech/voiceModels';
import { DEFAULT_VOICE_ID } from '../../shared/sonicVoices';
import { resolveAttachments, type AttachmentReader } from './attachments/attachmentParts';
import type { ContentPart } from '../bedrock/adapters/chatRequest';
import { runAgentTurn } from '../agent/agentLoop';
import { agentRefusal, type AgentSession } from '../agent/agentSession';

export interface ChatTurnsDeps {
  backend: ChatBackend;
  history: Pick<HistoryStore, 'get' | 'save'>;
  post(message: ChatStreamMessage): void;
  /** The conversation was saved (user turn added, reply added): the host refreshes its list. */
  onSaved?(conversation: PersistedConversation): void;
  log?: { info(message: string): void; error(message: string): void };
  /** Clock for the per-turn figures (ms). */
  clock?: () => number;
  /** Wall clock for stored timestamps (ms since the epoch). */
  now?: () => number;
  /** Where image turns keep their images; without one, image turns fail with a clear message. */
  images?: ImageStore;
  /** Reads attachments back (workspace files, the content store); without it, none can be sent. */
  attachments?: AttachmentReader;
  /** Tools, approvals and limits for agent-mode replies; without it, agent mode is refused. */
  agent?: AgentSession;
  /** Voice turns: the session, the microphone and where clips are kept; without it, voice turns say they cannot run here. */
  voice?: VoiceChatDeps;
}

const NO_AGENT: WireError = { kind: 'validation', message: 'Agent mode is not available in this chat. Turn it off to send the message.', action: errorAction('none') };

const NO_MODEL: WireError = {
  kind: 'validation',
  message: 'No chat model is available. Check the region and credentials in the Bedrock explorer, or set `bedrock.chat.defaultModel`.',
  action: errorAction('openSettings'),
};

/** The first candidate that names a model: absent, empty and whitespace-only ids are skipped. */
export function pickModelId(...candidates: Array<string | undefined>): string | undefined {
  return candidates.find((id): id is string => typeof id === 'string' && id.trim().length > 0);
}

/** A lone `chat/error` for a request refused before its stream started. */
export function refusal(requestId: string, error: WireError): ChatStreamMessage {
  return { method: 'chat/error', requestId, seq: 0, error };
}

interface RunningTurn {
  requestId: string;
  abort: AbortController;
  /** Settles (never rejects) once the turn posted its terminal message and saved what it could. */
  done: Promise<unknown>;
}

export class ChatTurns {
  private latest: RunningTurn | undefined;
  private readonly running = new Map<string, RunningTurn>();
  /** Open microphones, by the voice turn they speak into. */
  private readonly microphones = new Map<string, { finish(): void }>();
  /** Voices already said to be replaced (model and voice), so the turn line says it once. */
  private readonly voiceReplacementsSaid = new Set<string>();

  constructor(private readonly deps: ChatTurnsDeps) {}

  /**
   * Runs one `chat/send` to its terminal message. A reply already running is stopped (one reply at
   * a time per panel) and saved before this turn reads the conversation. Resolves with the saved
   * conversation, or undefined when the request was refused or failed; never rejects.
   */
  send(msg: ChatSendMessage, modelId: string | undefined, model?: ModelOption): Promise<PersistedConversation | undefined> {
    const previous = this.latest;
    const abort = new AbortController();
    const stream = new StreamTracker(msg.requestId, (m) => this.deps.post(m));
    const done = this.guarded(msg, modelId, model, abort.signal, stream, previous);
    const turn: RunningTurn = { requestId: msg.requestId, abort, done };
    this.latest = turn;
    this.running.set(msg.requestId, turn);
    previous?.abort.abort(new Error('Replaced by a newer message'));
    return done.finally(() => {
      if (this.running.get(msg.requestId) === turn) this.running.delete(msg.requestId);
      if (this.latest === turn) this.latest = undefined;
    });
  }

  /** Stops the reply `requestId`, if it is still running. */
  cancel(requestId: string, reason: Error): void {
    this.running.get(requestId)?.abort.abort(reason);
  }

  /** The user is done speaking in voice turn `requestId`: its microphone stops and the reply finishes. */
  endVoiceInput(requestId: string): void {
    this.microphones.get(requestId)?.finish();
  }

  abortAll(reason: Error): void {
    for (const t of this.running.values()) t.abort.abort(reason);
  }

  private async guarded(
    msg: ChatSendMessage,
    modelId: string | undefined,
    model: ModelOption | undefined,
    signal: AbortSignal,
    stream: StreamTracker,
    previous: RunningTurn | undefined,
  ): Promise<PersistedConversation | undefined> {
    const saved: { conversation?: PersistedConversation } = {};
    try {
      // The reply being replaced keeps its partial text: it is saved before this turn builds on it.
      if (previous) await previous.done;
      return await this.run(msg, modelId, model, signal, stream, saved);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.deps.log?.error(`chat: turn ${msg.requestId} could not run: ${reason}`);
      if (stream.ended) return undefined; // the reply was answered; only saving it failed
      const error: WireError = { kind: 'serviceError', message: `The message could not be sent: ${reason}`, action: errorAction('retry') };
      stream.fail(error);
      await this.keepFailure(saved.conversation, error);
      return undefined;
    } finally {
      // Belt and braces: whatever happened above, the webview is never left waiting.
      if (!stream.ended) stream.fail({ kind: 'serviceError', message: 'The reply ended without an answer.', action: errorAction('retry') });
    }
  }

  private async run(
    msg: ChatSendMessage,
    modelId: string | undefined,
    model: ModelOption | undefined,
    signal: AbortSignal,
    stream: StreamTracker,
    saved: { conversation?: PersistedConversation },
  ): Promise<PersistedConversation | undefined> {
    if (!modelId) {
      stream.fail(NO_MODEL);
      return undefined;
    }
    const agentProblem = msg.agent ? (this.deps.agent ? agentRefusal(model, modelId) : NO_AGENT) : undefined;
    if (agentProblem) {
      stream.fail(agentProblem);
      return undefined;
    }
    const now = this.deps.now ?? (() => Date.now());
    const params = clampParams(msg.params, model);
    // Read field by field whatever the store returned: a corrupt turn is dropped here, not replayed.
    const existing = readStoredConversation(this.deps.history.get(msg.conversationId)) ?? newConversation(msg.conversationId, now());
    let conv = beginTurn(existing, msg, modelId, params, now());
    const imageOptions = model?.image ? (msg.image ?? {}) : undefined;
    const voice: VoiceInput | undefined = model?.voice ? (msg.voice ?? { source: 'text' }) : undefined;
    if (imageOptions) conv.turns[conv.turns.length - 1] = { ...conv.turns[conv.turns.length - 1]!, imageOptions };
    await this.save(conv);
    saved.conversation = conv;
    // Image turns take no attachments; chat turns read theirs again (they may have changed or gone).
    const attached: TurnAttachments = imageOptions || voice ? { parts: new Map() } : await attachmentsOf(conv, this.deps.attachments);
    if (attached.refusal) {
      stream.fail(attached.refusal);
      await this.keepFailure(conv, attached.refusal);
      return undefined;
    }
    if (voice) return this.runVoice(msg, modelId, voice, model?.voice ?? { typedTurns: false }, model?.label ?? modelId, conv, signal, stream);
    const turnOptions = {
      backend: this.deps.backend,
      request: toChatRequest(conv, modelId, params, attached.parts, model),
      notice: attached.notice,
      api: msg.api,
      requestId: msg.requestId,
      conversationId: conv.id,
      signal,
      clock: this.deps.clock,
      post: (m: ChatStreamMessage) => stream.post(m),
    };
    const agent = msg.agent ? this.deps.agent : undefined;
    const checkpoint = agent && !imageOptions ? agent.checkpoints.begin(msg.requestId, conv.id) : undefined;
    let turn: PersistedTurn;
    try {
      turn = imageOptions
        ? await this.runImage(msg, modelId, imageOptions, conv.id, signal, stream)
        : agent
          ? await runAgentTurn({
              ...turnOptions,
              tools: await agent.provider.tools(),
              gate: agent.gate,
              ask: (call) => agent.ask(msg.requestId, call, signal),
              limits: agent.settings.limits(),
              checkpoint,
            })
          : await runTurn(turnOptions);
    } finally {
      if (checkpoint) agent!.checkpoints.finish(checkpoint);
    }
    if (turn.error) this.deps.log?.info(`chat: turn ${msg.requestId} ended with ${turn.error.kind}: ${turn.error.message}`);
    conv = { ...conv, turns: [...conv.turns, turn], updatedAt: now() };
    await this.save(conv);
    return conv;
  }

  private runImage(msg: ChatSendMessage, modelId: string, options: ImageTurnOptions, conversationId: string, signal: AbortSignal, stream: StreamTracker): Promise<PersistedTurn> {
    const { backend, images } = this.deps;
    const unavailable = async () => {
      throw new BedrockError({ kind: 'validation', message: 'Images cannot be generated here: this chat has no place to keep them. Open the Bedrock chat view and try again.', action: errorAction('none') });
    };
    return runImageTurn({
      generate: backend.generateImage && images ? (r, s) => backend.generateImage!(r, s) : unavailable,
      store: images ?? { put: unavailable, get: async () => undefined },
      modelId,
      prompt: msg.text,
      options,
      requestId: msg.requestId,
      conversationId,
      signal,
      clock: this.deps.clock,
      post: (m) => stream.post(m),
    });
  }

  /** A voice turn: the user's turn then holds what the model heard and their clip, the reply what it said and its voice. */
  private async runVoice(msg: ChatSendMessage, modelId: string, input: VoiceInput, traits: VoiceModelTraits, modelName: string, conv: PersistedConversation, signal: AbortSignal, stream: StreamTracker): Promise<PersistedConversation> {
    const now = this.deps.now ?? (() => Date.now());
    const deps = this.deps.voice;
    const prepared = deps
      ? await prepareVoiceInput(input, msg.text, traits.typedTurns, deps)
      : { kind: 'validation' as const, message: 'Voice turns cannot run here: open the Bedrock chat view and try again.', action: errorAction('none') };
    if ('kind' in prepared) {
      stream.fail(prepared);
      await this.keepFailure(conv, prepared);
      return conv;
    }
    if (prepared.microphone) this.microphones.set(msg.requestId, prepared.microphone);
    const wanted = deps!.voiceId?.() ?? DEFAULT_VOICE_ID;
    const { voiceId, replaced } = chooseVoice(wanted, traits.voices, modelName);
    const notice = replaced && !this.voiceReplacementsSaid.has(`${modelId} ${wanted}`) ? replaced : undefined;
    if (replaced) this.voiceReplacementsSaid.add(`${modelId} ${wanted}`);
    // Agent mode: the agent's tools, which the voice session narrows to the reading ones.
    const agent = msg.agent ? this.deps.agent : undefined;
    const tools = agent && { tools: await agent.provider.tools(), gate: agent.gate, ask: (call: WireToolCall) => agent.ask(msg.requestId, call, signal), maxResultBytes: agent.settings.limits().maxResultBytes };
    try {
      const r = await runVoiceChatTurn({ voice: deps!.voice, clips: deps!.clips, modelId, input: prepared.input, system: conv.system, voiceId, notice, requestId: msg.requestId, conversationId: conv.id, signal, clock: this.deps.clock, post: (m) => stream.post(m), ...(tools ? { tools } : {}) });
      if (r.reply.error) this.deps.log?.info(`chat: voice turn ${msg.requestId} ended with ${r.reply.error.kind}: ${r.reply.error.message}`);
      const turns = [...conv.turns];
      const user = turns[turns.length - 1]!;
      turns[turns.length - 1] = { ...user, ...(r.heard && input.source !== 'text' ? { text: r.heard } : {}), ...(r.userAudio ? { audio: r.userAudio } : {}) };
      const saved = { ...conv, turns: [...turns, r.reply], updatedAt: now() };
      await this.save(saved);
      return saved;
    } finally {
      this.microphones.delete(msg.requestId);
    }
  }

  private async save(conv: PersistedConversation): Promise<void> {
    await this.deps.history.save(conv);
    this.deps.onSaved?.(conv);
  }

  /** After the user's turn was saved, the failure is kept as its reply, as the webview shows it. */
  private async keepFailure(conv: PersistedConversation | undefined, error: WireError): Promise<void> {
    if (!conv) return;
    try {
      await this.save({ ...conv, turns: [...conv.turns, { role: 'assistant', text: '', error }], updatedAt: (this.deps.now ?? Date.now)() });
    } catch (e) {
      this.deps.log?.error(`chat: could not save the failed turn: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

const NO_READER: AttachmentReader = {
  read: () => Promise.reject(new Error('attachments cannot be read here')),
};

/**
 * Every user turn's attachments, read again. One of this message's own that cannot be read refuses
 * the send (naming it); one from an earlier message is left out, the model is told so in that
 * message, and the turn line says which.
 */
interface TurnAttachments {
  parts: Map<number, ContentPart[]>;
  notice?: string;
  refusal?: WireError;
}

async function attachmentsOf(conv: PersistedConversation, reader: AttachmentReader = NO_READER): Promise<TurnAttachments> {
  const parts = new Map<number, ContentPart[]>();
  const lost: string[] = [];
  const last = conv.turns.length - 1;
  for (const [i, turn] of conv.turns.entries()) {
    if (turn.role !== 'user' || !turn.attachments?.length) continue;
    const r = await resolveAttachments(turn.attachments, reader);
    if (r.missing.length && i === last) {
      return { parts, refusal: { kind: 'validation', message: `Not sent: ${r.missing.join('; ')}. Remove the attachment and send again.`, action: errorAction('none') } };
    }
    for (const m of r.missing) r.parts.push({ type: 'text', text: `(An attachment of this message is no longer available and was left out: ${m.split(':')[0]}.)` });
    lost.push(...r.missing);
    parts.set(i, r.parts);
  }
  return lost.length ? { parts, notice: `Left out of earlier messages: ${lost.join('; ')}` } : { parts };
}

/** One request's stream as the webview sees it: seq continues from what was posted, nothing after the terminal. */
class StreamTracker {
  private nextSeq = 0;
  private terminal = false;

  constructor(
    private readonly requestId: string,
    private readonly sink: (m: ChatStreamMessage) => void,
  ) {}

  get ended(): boolean {
    return this.terminal;
  }

  post(m: ChatStreamMessage): void {
    if (this.terminal) return;
    this.nextSeq = m.seq + 1;
    if (m.method === 'chat/end' || m.method === 'chat/error') this.terminal = true;
    this.sink(m);
  }

  fail(error: WireError): void {
    this.post(this.nextSeq === 0 ? refusal(this.requestId, error) : { method: 'chat/error', requestId: this.requestId, seq: this.nextSeq, error });
  }
}
