// The capability-aware router: plans a route per request, runs it through one adapter, and turns
// the service's "not supported" answers into fallbacks it remembers. Everything that calls Bedrock
// for chat goes through `stream`, and embeddings through `embed`.
import { runVoiceTurn, type VoiceEvent, type VoiceTurnRequest } from '../speech/voiceSession';
import type { ApiId } from '../catalog/apiId';
import type { ChatAdapter } from '../adapters/chatAdapter';
import type { ChatEvent } from '../adapters/chatEvent';
import { wantedFeatures, type ChatRequest } from '../adapters/chatRequest';
import { BedrockError, errorAction, type ClassifiedError } from '../errors/classifiedError';
import type { BedrockConnection } from '../connection/connection';
import { ConverseAdapter } from '../adapters/converseAdapter';
import { Embedder } from '../embedding/embedder';
import type { EmbedProgress, EmbedRequest, EmbedResult } from '../embedding/embedTypes';
import type { LearnedCapabilities } from './learnedCapabilities';
import type { ModelDirectory } from '../catalog/modelDirectory';
import { InvokeAdapter } from '../adapters/invokeAdapter';
import { ChatCompletionsAdapter } from '../adapters/chatCompletionsAdapter';
import { ResponsesAdapter } from '../adapters/responsesAdapter';
import { MessagesAdapter } from '../adapters/messagesAdapter';
import { applyMediaLimits } from './mediaSupport';
import { planRoute } from './routePlanner';
import type { PlanRequest, RoutePlan, RouteStep } from './routePlan';
import { RouteRun, type FallbackDecision } from './routeRun';
import { mantleAvailable } from '../catalog/mantleModels';
import { otherMantlePrefix } from '../adapters/compatRoutes';
import { ImageGenerator } from '../images/imageGenerator';
import type { ImageRequest, ImageResult } from '../images/imageRequest';
import { AsyncInvoker } from '../async/asyncInvoker';

const COMPAT_APIS: ReadonlySet<ApiId> = new Set(['chat-completions', 'responses', 'messages']);

export interface RouterOptions {
  connection: BedrockConnection;
  directory: ModelDirectory;
  learned: LearnedCapabilities;
  /**
   * Default idle timeout for streams, in seconds (a request may override). A function is asked
   * on every stream, so a changed setting applies to the next turn.
   */
  idleTimeoutSeconds?: number | (() => number);
  /** Replace adapters (tests). */
  adapters?: Partial<Record<ApiId, ChatAdapter>>;
}

export interface StreamOptions {
  /** The user pinned an API (chat panel override): only steps of that API family are tried. */
  api?: ApiId;
}

/** Streaming and non-streaming variants are one choice for the user: Converse means either. */
const API_FAMILY: Partial<Record<ApiId, string>> = { 'converse-stream': 'converse', 'invoke-stream': 'invoke' };
const familyOf = (api: ApiId) => API_FAMILY[api] ?? api;

/** Keeps the steps of the pinned API; if the plan has none, the plan stands and says why. */
export function pinToApi(plan: RoutePlan, api: ApiId): RoutePlan {
  const steps = plan.steps.filter((s) => familyOf(s.api) === familyOf(api));
  if (steps.length) return { ...plan, steps: steps.map((s) => ({ ...s, reason: `pinned by you; ${s.reason}` })) };
  return { ...plan, notes: [...plan.notes, `${api} was requested but cannot serve this request; using the router's choice.`] };
}

/** Every chat adapter; each serves the APIs it declares (Converse and Invoke serve their streaming and one-shot forms). */
const chatAdapters = (): ChatAdapter[] => [new ConverseAdapter(), new InvokeAdapter(), new ChatCompletionsAdapter(), new ResponsesAdapter(), new MessagesAdapter()];

/** The router's adapter map, built from what each adapter declares it serves. */
export function createChatAdapters(adapters: readonly ChatAdapter[] = chatAdapters()): Partial<Record<ApiId, ChatAdapter>> {
  const byApi: Partial<Record<ApiId, ChatAdapter>> = {};
  for (const adapter of adapters) {
    for (const api of adapter.apis) {
      if (byApi[api]) throw new Error(`Two chat adapters declare ${api}.`);
      byApi[api] = adapter;
    }
  }
  return byApi;
}

export class Router {
  private readonly adapters: Partial<Record<ApiId, ChatAdapter>>;
  private readonly embedder: Embedder;
  private readonly images: ImageGenerator;
  /** The executor of `async-invoke` plans: start, read and list async jobs. */
  readonly async: AsyncInvoker;

  constructor(private readonly opts: RouterOptions) {
    this.adapters = { ...createChatAdapters(), ...opts.adapters };
    this.embedder = new Embedder(opts.connection);
    this.images = new ImageGenerator(opts.connection);
    this.async = new AsyncInvoker(opts.connection, (modelId) => this.plan({ modelId, task: 'async', features: {} }));
  }

  /** The idle timeout a stream started now gets unless its request sets one. */
  get idleTimeoutSeconds(): number {
    const t = this.opts.idleTimeoutSeconds;
    return (typeof t === 'function' ? t() : t) ?? 60;
  }

  private get region(): string {
    return this.opts.connection.info.region;
  }

  plan(req: PlanRequest): RoutePlan {
    const d = this.opts.directory.describe(req.modelId);
    const base = d?.baseModelId ?? d?.id ?? req.modelId;
    const learned = { ...this.opts.learned.get(this.region, base), ...(base !== req.modelId ? this.opts.learned.get(this.region, req.modelId) : {}) };
    return planRoute(req, d, { region: this.region, mantle: mantleAvailable(this.opts.connection.info), learned });
  }

  /**
   * Streams unified events. Never throws: failures arrive as one terminal `error` event carrying
   * the text streamed so far. Aborting `signal` (or breaking out of the loop) cancels the HTTP request.
   */
  stream(request: ChatRequest, signal?: AbortSignal, options: StreamOptions = {}): AsyncIterable<ChatEvent> {
    const planned = this.plan({ modelId: request.modelId, task: request.task ?? 'chat', features: wantedFeatures(request) });
    const plan = applyMediaLimits(options.api ? pinToApi(planned, options.api) : planned, request);
    return {
      [Symbol.asyncIterator]: () =>
        new RouteRun(plan, request, signal, {
          adapters: this.adapters,
          connection: this.opts.connection,
          idleSeconds: request.idleTimeoutSeconds ?? this.idleTimeoutSeconds,
          maxTokens: this.opts.learned.get(this.region, plan.baseModelId)?.maxTokens,
          fallback: (c, step, used) => this.fallback(c, step, plan.baseModelId, used, request.modelId),
        }),
    };
  }

  /** Decide (and remember) how to route around a capability error. Each workaround at most once. */
  private fallback(
    c: ClassifiedError,
    step: RouteStep,
    base: string,
    used: Set<string>,
    requested: string,
  ): FallbackDecision | undefined {
    const hint = c.fallback;
    if (!hint || used.has(hint.kind)) return undefined;
    used.add(hint.kind);
    const region = this.region;
    const learn = this.opts.learned;
    const note = c.detail ?? c.message;
    switch (hint.kind) {
      case 'needsProfile': {
        const d = this.opts.directory.describe(base);
        const p = d?.profiles.find((x) => x.scope !== 'application') ?? d?.profiles[0];
        if (!p || p.id === step.target) return undefined;
        learn.learn(region, base, { profile: p.id });
        return { kind: 'retarget', target: p.id };
      }
      case 'noSystemPrompt':
        learn.learn(region, base, { noSystemPrompt: true });
        return { kind: 'retry', step: { ...step, adjustments: { ...step.adjustments, foldSystem: true }, reason: `${step.reason}; system prompt folded into the first user turn` } };
      case 'noStreaming':
      case 'noToolStreaming': {
        if (hint.kind === 'noToolStreaming') learn.learn(region, base, { noToolStreaming: true });
        else learn.learn(region, base, { api: [step.api, false, note] });
        const api: ApiId = step.api === 'converse-stream' ? 'converse' : step.api === 'invoke-stream' ? 'invoke' : step.api;
        return { kind: 'retry', step: { ...step, api, adjustments: { ...step.adjustments, nonStreaming: true }, reason: `${step.reason}; non-streaming (${hint.kind === 'noStreaming' ? 'streaming' : 'tool use while streaming'} not supported)` } };
      }
      case 'maxTokens':
        learn.learn(region, base, { maxTokens: hint.limit });
        return { kind: 'maxTokens', limit: hint.limit };
      case 'routeUnsupported': {
        used.delete('routeUnsupported');
        // Mantle serves a model's OpenAI APIs under one of two prefixes: try the other once.
        if (step.endpoint === 'mantle' && step.api !== 'messages' && !used.has('mantlePrefix')) {
          used.add('mantlePrefix');
          const mantlePrefix = otherMantlePrefix(step.adjustments.mantlePrefix);
          learn.learn(region, base, { mantlePrefix });
          return { kind: 'retry', step: { ...step, adjustments: { ...step.adjustments, mantlePrefix }, reason: `${step.reason}; path prefix ${mantlePrefix} (the other refused the model)` } };
        }
        // The compatible APIs live on two hosts: one host's refusal leaves the other to try.
        learn.learn(region, base, { api: [step.api, false, note, COMPAT_APIS.has(step.api) ? step.endpoint : undefined] });
        return { kind: 'next' };
      }
      case 'unknownModel': {
        // This host does not know the id; its other steps would hear the same. Keyed by the id asked
        // for, so a profile of the wrong geography does not condemn the model.
        used.delete('unknownModel');
        learn.learn(region, requested, { unknownTo: [step.endpoint, note] });
        return { kind: 'next', skip: (s) => s.endpoint === step.endpoint && s.target === step.target };
      }
    }
  }

  /**
   * Opens the connection the next chat turn with `modelId` will use (the plan's first step), so the
   * turn skips the handshakes. Sends nothing billable; false when nothing was warmed.
   */
  warm(modelId: string, signal?: AbortSignal): Promise<boolean> {
    const step = this.plan({ modelId, task: 'chat', features: { streaming: true } }).steps[0];
    if (!step || step.endpoint === 'control') return Promise.resolve(false);
    return this.opts.connection.warm(step.endpoint, COMPAT_APIS.has(step.api) ? 'http' : 'sdk', signal);
  }

  /**
   * One spoken turn with a speech model over the bidirectional stream (the only API such models
   * serve). Refuses up front a model whose descriptor says it has no bidirectional API.
   */
  voice(request: VoiceTurnRequest): AsyncGenerator<VoiceEvent> {
    const d = this.opts.directory.describe(request.modelId);
    if (d && d.apis.bidirectional?.supported === false) {
      throw new BedrockError({ kind: 'validation', message: `${d.name} does not take voice input: choose a Nova Sonic model for voice chat.`, action: errorAction('chooseProfile') });
    }
    return runVoiceTurn(this.opts.connection, request);
  }

  /** Embeds texts with chunking by the model's limits, bounded concurrency and backoff on throttling. */
  embed(req: EmbedRequest, signal?: AbortSignal, onProgress?: (p: EmbedProgress) => void): Promise<EmbedResult> {
    const plan = this.plan({ modelId: req.modelId, task: 'embed', features: {} });
    if (!plan.steps.length) {
      return Promise.reject(new BedrockError({ kind: 'validation', message: plan.notes.join(' '), action: errorAction('none') }));
    }
    return this.embedder.embed(req, plan.steps[0].target, plan.baseModelId, signal, onProgress);
  }

  /**
   * One image request (text to image, variations, background removal, inpainting) on InvokeModel
   * with the model's own body. A model that needs an inference profile is retried once through one,
   * and that is remembered, as for chat.
   */
  async generateImage(req: ImageRequest, signal?: AbortSignal): Promise<ImageResult> {
    const plan = this.plan({ modelId: req.modelId, task: 'image', features: {} });
    const step = plan.steps[0];
    if (!step) throw new BedrockError({ kind: 'validation', message: plan.notes.join(' '), action: errorAction('none') });
    try {
      return await this.images.generate(req, step.target, signal);
    } catch (err) {
      const decision = err instanceof BedrockError ? this.fallback(err.classified, step, plan.baseModelId, new Set(), req.modelId) : undefined;
      if (decision?.kind !== 'retarget') throw err;
      return this.images.generate(req, decision.target, signal);
    }
  }
}
