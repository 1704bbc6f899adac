// The capability-aware router: plans a route per request, runs it through one adapter, and turns
// the service's "not supported" answers into fallbacks it remembers. Everything that calls Bedrock
// for chat goes through `stream`, and embeddings through `embed`.
import type { ApiId } from './apiId';
import { isStreamingStep, type AdapterCall, type ChatAdapter } from './chatAdapter';
import type { ChatEvent } from './chatEvent';
import { wantedFeatures, type ChatRequest } from './chatRequest';
import { BedrockError, type ClassifiedError } from './classifiedError';
import { classifyError } from './classifyError';
import type { BedrockConnection } from './connection';
import { ConverseAdapter } from './converseAdapter';
import { Embedder } from './embedder';
import type { EmbedProgress, EmbedRequest, EmbedResult } from './embedTypes';
import type { LearnedCapabilities } from './learnedCapabilities';
import type { ModelDirectory } from './modelDirectory';
import { InvokeAdapter } from './invokeAdapter';
import { ChatCompletionsAdapter } from './chatCompletionsAdapter';
import { ResponsesAdapter } from './responsesAdapter';
import { MessagesAdapter } from './messagesAdapter';
import { planRoute } from './routePlanner';
import type { PlanRequest, RoutePlan, RouteStep } from './routePlan';
import { clampMaxTokens, foldSystemPrompt } from './requestShaping';
import { BEDROCK_REGIONS } from '../regions';

export interface RouterOptions {
  connection: BedrockConnection;
  directory: ModelDirectory;
  learned: LearnedCapabilities;
  /** Default idle timeout for streams, in seconds (a request may override). */
  idleTimeoutSeconds?: number;
  /** Replace adapters (tests). */
  adapters?: Partial<Record<ApiId, ChatAdapter>>;
}

const now = () => performance.now();

export class Router {
  private readonly adapters: Partial<Record<ApiId, ChatAdapter>>;
  private readonly embedder: Embedder;

  constructor(private readonly opts: RouterOptions) {
    const converse = new ConverseAdapter();
    const invoke = new InvokeAdapter();
    this.adapters = {
      converse,
      'converse-stream': converse,
      invoke,
      'invoke-stream': invoke,
      'chat-completions': new ChatCompletionsAdapter(),
      responses: new ResponsesAdapter(),
      messages: new MessagesAdapter(),
      ...opts.adapters,
    };
    this.embedder = new Embedder(opts.connection);
  }

  private get region(): string {
    return this.opts.connection.info.region;
  }

  private mantleAvailable(): boolean {
    // An explicit mantle endpoint (emulator, VPC) means it is there whatever the region list says.
    const r = BEDROCK_REGIONS.find((x) => x.id === this.region);
    return !!this.opts.connection.info.endpoints.mantle && (r?.mantle ?? true);
  }

  plan(req: PlanRequest): RoutePlan {
    const d = this.opts.directory.describe(req.modelId);
    const base = d?.baseModelId ?? d?.id ?? req.modelId;
    const learned = { ...this.opts.learned.get(this.region, base), ...(base !== req.modelId ? this.opts.learned.get(this.region, req.modelId) : {}) };
    return planRoute(req, d, { region: this.region, mantle: this.mantleAvailable(), learned });
  }

  /**
   * Streams unified events. Never throws: failures arrive as one terminal `error` event carrying
   * the text streamed so far. Aborting `signal` cancels the HTTP request.
   */
  async *stream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatEvent> {
    const plan = this.plan({ modelId: request.modelId, task: request.task ?? 'chat', features: wantedFeatures(request) });
    const base = plan.baseModelId;
    const idleSeconds = request.idleTimeoutSeconds ?? this.opts.idleTimeoutSeconds ?? 60;
    const steps = plan.steps.slice();
    const used = new Set<string>();
    let fallbackFrom: { step: RouteStep; reason: string } | undefined;
    let partial = '';
    let attempt = 0;
    const learn = this.opts.learned;
    const region = this.region;
    if (!steps.length) {
      yield { type: 'error', error: { kind: 'validation', message: plan.notes.join(' ') || 'No route to this model.', action: { id: 'none', label: 'OK' } }, partialText: '' };
      return;
    }
    let maxTokens = learn.get(region, base)?.maxTokens;

    while (steps.length) {
      const step = steps.shift()!;
      attempt++;
      yield { type: 'route', step, attempt, fallbackFrom };
      if (signal?.aborted) {
        yield { type: 'error', error: classifyError(signal.reason, { cancelled: true }), partialText: partial };
        return;
      }
      let req = request;
      if (step.adjustments.foldSystem) req = foldSystemPrompt(req);
      req = clampMaxTokens(req, maxTokens);

      const ac = new AbortController();
      const onAbort = () => ac.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      // One timer re-armed lazily: no per-event timer churn on the hot path.
      const idleMs = idleSeconds * 1000;
      let last = now();
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const check = () => {
        const idle = now() - last;
        if (idle >= idleMs) {
          timedOut = true;
          ac.abort(new Error('idle timeout'));
        } else timer = setTimeout(check, idleMs - idle);
      };
      timer = setTimeout(check, idleMs);
      let produced = false;
      let stopped = false;
      try {
        const adapter = this.adapters[step.api];
        if (!adapter) throw new BedrockError({ kind: 'validation', message: `No adapter for ${step.api}.`, action: { id: 'none', label: 'OK' } });
        const call: AdapterCall = await adapter.start(req, step, { connection: this.opts.connection, signal: ac.signal });
        const out: ChatEvent[] = [];
        for await (const raw of call.events) {
          last = now();
          call.map(raw, out);
          if (out.length) {
            for (let i = 0; i < out.length; i++) {
              const e = out[i];
              if (e.type === 'text') partial += e.text;
              else if (e.type === 'stop') stopped = true;
              produced = true;
              yield e;
            }
            out.length = 0;
          }
          if (ac.signal.aborted) break;
        }
        if (ac.signal.aborted) throw ac.signal.reason ?? new Error('aborted');
        call.end?.(out);
        for (const e of out) {
          if (e.type === 'stop') stopped = true;
          yield e;
        }
        // A stream cut without its final event (reset, proxy hang-up) is a failure, never a finished turn.
        if (!stopped && isStreamingStep(step)) throw Object.assign(new Error('The stream ended before the model finished (connection reset).'), { code: 'ECONNRESET' });
        return;
      } catch (err) {
        const c = classifyError(err, { idleTimeout: timedOut, idleSeconds, cancelled: !timedOut && !!signal?.aborted, auth: this.opts.connection.info.auth, modelId: step.target });
        if (c.kind === 'expiredCredentials') this.opts.connection.resetCredentials();
        const next = produced ? undefined : this.fallback(c, step, base, used);
        if (next) {
          if (next.kind === 'retry') steps.unshift(next.step);
          if (next.kind === 'maxTokens') {
            maxTokens = next.limit;
            steps.unshift(step);
          }
          if (next.kind === 'retarget') for (let i = 0; i < steps.length; i++) steps[i] = { ...steps[i], target: steps[i].endpoint === 'runtime' ? next.target : steps[i].target };
          if (next.kind === 'retarget') steps.unshift({ ...step, target: next.target, reason: `${step.reason}; via profile ${next.target} (on-demand not supported)` });
          if (!steps.length) {
            yield { type: 'error', error: c, partialText: partial };
            return;
          }
          fallbackFrom = { step, reason: c.detail ?? c.message };
          continue;
        }
        yield { type: 'error', error: c, partialText: partial };
        return;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    }
  }

  /** Decide (and remember) how to route around a capability error. Each workaround at most once. */
  private fallback(
    c: ClassifiedError,
    step: RouteStep,
    base: string,
    used: Set<string>,
  ): { kind: 'retry'; step: RouteStep } | { kind: 'retarget'; target: string } | { kind: 'maxTokens'; limit: number } | { kind: 'next' } | undefined {
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
      case 'routeUnsupported':
        learn.learn(region, base, { api: [step.api, false, note] });
        used.delete('routeUnsupported');
        return { kind: 'next' };
    }
  }

  /** Embeds texts with chunking by the model's limits, bounded concurrency and backoff on throttling. */
  embed(req: EmbedRequest, signal?: AbortSignal, onProgress?: (p: EmbedProgress) => void): Promise<EmbedResult> {
    const plan = this.plan({ modelId: req.modelId, task: 'embed', features: {} });
    if (!plan.steps.length) {
      return Promise.reject(new BedrockError({ kind: 'validation', message: plan.notes.join(' '), action: { id: 'none', label: 'OK' } }));
    }
    return this.embedder.embed(req, plan.steps[0].target, plan.baseModelId, signal, onProgress);
  }
}
