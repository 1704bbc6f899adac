// One Router.stream call: runs the plan's steps in order, applies fallbacks, enforces the idle
// timeout and cancellation. Written as a hand-rolled async iterator rather than an async generator:
// on a 20,000-event stream a generator's per-yield ticks cost ~10% over the raw SDK, this costs
// one promise per raw event (see test/bench/router.bench.ts).
import type { ApiId } from '../catalog/apiId';
import { isStreamingStep, type AdapterCall, type AdapterConnection, type ChatAdapter } from '../adapters/chatAdapter';
import type { ChatEvent } from '../adapters/chatEvent';
import type { ChatRequest } from '../adapters/chatRequest';
import { BedrockError, errorAction, type ClassifiedError } from '../errors/classifiedError';
import { classifyError } from '../errors/classifyError';
import type { ConnectionInfo } from '../connection/connectionSettings';
import { hasEndpointOverride } from '../connection/endpointOverrides';
import { clampMaxTokens, foldSystemPrompt } from './requestShaping';
import { withRetryListener, type RetryNotice } from './retryPolicy';
import type { RoutePlan, RouteStep } from './routePlan';

export type FallbackDecision =
  | { kind: 'retry'; step: RouteStep }
  | { kind: 'retarget'; target: string }
  | { kind: 'maxTokens'; limit: number }
  /** Go on with the plan, without the steps `skip` matches (e.g. those on a host that does not know the model). */
  | { kind: 'next'; skip?: (s: RouteStep) => boolean };

export interface RouteRunDeps {
  adapters: Partial<Record<ApiId, ChatAdapter>>;
  /** The adapters' connection, plus how it authenticates and where it sends requests (for the error's wording and action) and a way to drop rejected credentials. */
  connection: AdapterConnection & { readonly info: Pick<ConnectionInfo, 'auth' | 'region' | 'endpoints'>; resetCredentials(): void };
  idleSeconds: number;
  maxTokens: number | undefined;
  fallback(c: ClassifiedError, step: RouteStep, used: Set<string>): FallbackDecision | undefined;
}

const DONE: IteratorResult<ChatEvent> = { value: undefined, done: true };

export class RouteRun implements AsyncIterator<ChatEvent> {
  private readonly queue: ChatEvent[] = [];
  private head = 0;
  private readonly steps: RouteStep[];
  private readonly used = new Set<string>();
  private maxTokens: number | undefined;
  private attempt = 0;
  /** Text streamed so far, joined only if the turn fails (a string += per event costs more). */
  private readonly partial: string[] = [];
  private finished = false;
  private fallbackFrom: { step: RouteStep; reason: string } | undefined;
  // Current attempt.
  private step: RouteStep | undefined;
  private call: AdapterCall | undefined;
  private iter: AsyncIterator<unknown> | undefined;
  private ac: AbortController | undefined;
  private produced = false;
  /** Mirrors the attempt's abort signal, so the per-event check is a field read. */
  private attemptAborted = false;
  private stopped = false;
  private timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Raw items seen; the idle timer compares it between ticks instead of timestamping every event. */
  private seen = 0;
  /** End of a retry's backoff (epoch ms); the idle timer does not count before it. */
  private backoffUntil = 0;
  private readonly onAbort = () => this.ac?.abort(this.signal?.reason);
  /** The attempt being started, and the wake-up of a consumer waiting on it (for retry events). */
  private starting: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly onRetry = (n: RetryNotice) => {
    if (this.finished) return;
    // A retry is the service answering, and its backoff is not silence: the idle timer waits it out.
    this.seen++;
    this.backoffUntil = Date.now() + n.delayMs;
    this.queue.push({ type: 'retry', attempt: n.attempt, maxAttempts: n.maxAttempts, reason: n.reason, delayMs: n.delayMs });
    this.wake?.();
  };

  constructor(
    plan: RoutePlan,
    private readonly request: ChatRequest,
    private readonly signal: AbortSignal | undefined,
    private readonly deps: RouteRunDeps,
  ) {
    this.steps = plan.steps.slice();
    this.maxTokens = deps.maxTokens;
    if (!this.steps.length) {
      this.emitError({ kind: 'validation', message: plan.refusal ?? (plan.notes.join(' ') || 'No route to this model.'), action: errorAction('none') });
    }
  }

  next(): Promise<IteratorResult<ChatEvent>> {
    if (this.head < this.queue.length) return Promise.resolve(this.take());
    if (this.finished) return Promise.resolve(DONE);
    if (this.iter) return this.iter.next().then(this.onRaw, this.onFail);
    // Starting an attempt may take a while (retries with backoff): a retry event wakes the
    // consumer early, the next call waits on the same start.
    if (!this.starting) {
      const s = (this.starting = this.startNext());
      void s.then(() => {
        if (this.starting === s) this.starting = undefined;
      });
    }
    const started = this.starting;
    return new Promise<void>((resolve) => {
      if (this.head < this.queue.length) return resolve();
      this.wake = resolve;
      void started.then(resolve);
    }).then(() => {
      this.wake = undefined;
      return this.next();
    });
  }

  /** The consumer stopped early (break / return): cancel the HTTP request. */
  return(): Promise<IteratorResult<ChatEvent>> {
    this.finished = true;
    this.endAttempt(true);
    return Promise.resolve(DONE);
  }

  private take(): IteratorResult<ChatEvent> {
    const value = this.queue[this.head++];
    if (this.head === this.queue.length) this.queue.length = this.head = 0;
    return { value, done: false };
  }

  private readonly onRaw = (r: IteratorResult<unknown>): Promise<IteratorResult<ChatEvent>> | IteratorResult<ChatEvent> => {
    if (this.attemptAborted) return this.onFail(this.ac!.signal.reason ?? new Error('aborted'));
    if (r.done) return this.onEnd();
    this.seen++;
    const q = this.queue;
    const before = q.length;
    try {
      this.call!.map(r.value, q);
    } catch (e) {
      return this.onFail(e);
    }
    const after = q.length;
    if (after === before) return this.next();
    this.produced = true;
    for (let i = before; i < after; i++) {
      const e = q[i];
      if (e.type === 'text') this.partial.push(e.text);
      else if (e.type === 'stop') this.stopped = true;
    }
    // The common case, one raw event → one unified event on an empty queue: hand it over with a
    // pop (a fast builtin) instead of the index bookkeeping, which resizes the array per event.
    if (after === 1 && this.head === 0) return { value: q.pop()!, done: false };
    return this.take();
  };

  private onEnd(): Promise<IteratorResult<ChatEvent>> {
    const q = this.queue;
    const before = q.length;
    this.call!.end?.(q);
    for (let i = before; i < q.length; i++) if (q[i].type === 'stop') this.stopped = true;
    if (!this.stopped && isStreamingStep(this.step!)) {
      // A stream cut without its final event (reset, proxy hang-up) is a failure, never a finished turn.
      return this.onFail(Object.assign(new Error('The stream ended before the model finished (connection reset).'), { code: 'ECONNRESET' }));
    }
    this.finished = true;
    this.endAttempt(false);
    return this.next();
  }

  private readonly onFail = (err: unknown): Promise<IteratorResult<ChatEvent>> => {
    this.fail(err);
    return this.next();
  };

  /** Classify, then either queue the terminal error or line up the fallback step. */
  private fail(err: unknown): void {
    const step = this.step!;
    const c = classifyError(err, {
      idleTimeout: this.timedOut,
      idleSeconds: this.deps.idleSeconds,
      cancelled: !this.timedOut && !!this.signal?.aborted,
      auth: this.deps.connection.info.auth,
      modelId: step.target,
      endpointOverride: hasEndpointOverride(this.deps.connection.info),
    });
    this.endAttempt(true);
    if (c.kind === 'credentials') this.deps.connection.resetCredentials();
    const next = this.produced || c.kind === 'cancelled' ? undefined : this.deps.fallback(c, step, this.used);
    if (!next) {
      this.emitError(c);
      return;
    }
    const steps = this.steps;
    if (next.kind === 'retry') steps.unshift(next.step);
    else if (next.kind === 'maxTokens') {
      this.maxTokens = next.limit;
      steps.unshift(step);
    } else if (next.kind === 'next' && next.skip) {
      for (let i = steps.length - 1; i >= 0; i--) if (next.skip(steps[i])) steps.splice(i, 1);
    } else if (next.kind === 'retarget') {
      for (let i = 0; i < steps.length; i++) if (steps[i].endpoint === 'runtime') steps[i] = { ...steps[i], target: next.target };
      steps.unshift({ ...step, target: next.target, reason: `${step.reason}; via profile ${next.target} (on-demand not supported)` });
    }
    if (!steps.length) this.emitError(c);
    else this.fallbackFrom = { step, reason: c.detail ?? c.message };
  }

  private emitError(error: ClassifiedError): void {
    this.queue.push({ type: 'error', error, partialText: this.partial.join('') });
    this.finished = true;
  }

  private async startNext(): Promise<void> {
    const step = this.steps.shift()!;
    this.attempt++;
    this.step = step;
    this.produced = this.stopped = this.timedOut = false;
    this.queue.push({ type: 'route', step, attempt: this.attempt, fallbackFrom: this.fallbackFrom });
    if (this.signal?.aborted) {
      this.emitError(classifyError(this.signal.reason, { cancelled: true }));
      return;
    }
    let req = this.request;
    if (step.adjustments.foldSystem) req = foldSystemPrompt(req);
    req = clampMaxTokens(req, this.maxTokens);
    const ac = (this.ac = new AbortController());
    this.attemptAborted = false;
    ac.signal.addEventListener('abort', () => (this.attemptAborted = true), { once: true });
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.armIdleTimer();
    try {
      const adapter = this.deps.adapters[step.api];
      if (!adapter) throw new BedrockError({ kind: 'validation', message: `No adapter for ${step.api}.`, action: errorAction('none') });
      const call = await withRetryListener(this.onRetry, () => adapter.start(req, step, { connection: this.deps.connection, signal: ac.signal }));
      if (this.finished) {
        ac.abort();
        return;
      }
      this.call = call;
      const events = call.events;
      this.iter = Symbol.asyncIterator in events ? (events as AsyncIterable<unknown>)[Symbol.asyncIterator]() : toAsync((events as Iterable<unknown>)[Symbol.iterator]());
    } catch (err) {
      this.fail(err);
    }
  }

  private armIdleTimer(): void {
    const idleMs = this.deps.idleSeconds * 1000;
    // Checked every half period: fires after between 1 and 1.5 idle periods with no data.
    let lastSeen = -1;
    let quietTicks = 0;
    const tick = () => {
      if (this.seen === lastSeen && Date.now() >= this.backoffUntil) quietTicks++;
      else {
        lastSeen = this.seen;
        quietTicks = 0;
      }
      if (quietTicks >= 2) {
        this.timedOut = true;
        this.ac?.abort(new Error('idle timeout'));
      } else this.timer = setTimeout(tick, idleMs / 2);
    };
    lastSeen = this.seen;
    this.timer = setTimeout(tick, idleMs / 2);
  }

  private endAttempt(abort: boolean): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
    if (abort && this.ac && !this.ac.signal.aborted) this.ac.abort(new Error('cancelled'));
    const iter = this.iter;
    this.iter = undefined;
    this.call = undefined;
    if (abort && iter?.return) Promise.resolve(iter.return()).catch(() => undefined);
  }
}

function toAsync(it: Iterator<unknown>): AsyncIterator<unknown> {
  return { next: () => Promise.resolve(it.next()) };
}
