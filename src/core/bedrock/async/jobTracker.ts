// The editor's list of async jobs: every job in the region (ListAsyncInvokes, all pages), kept
// current by polling GetAsyncInvoke — only while some job is in progress, with a delay that grows
// from poll to poll, and not at all when nothing runs. A job seen running and then finished fires
// `onDidFinish` once, so the editor can say so.
import { Emitter } from '../../emitter';
import { Disposable } from '../../lifecycle';
import type { ClassifiedError } from '../errors/classifiedError';
import { classifyError } from '../errors/classifyError';
import { byNewest, isFinished, isRunning, type AsyncJob } from './asyncJob';
import type { AsyncInvoker } from './asyncInvoker';

/** The timer the tracker uses; tests pass one they step by hand. */
export interface Scheduler {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  set: (cb, ms) => setTimeout(cb, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface PollingOptions {
  /** First delay after a job starts or a refresh finds one running (default 5 s). */
  initialDelayMs?: number;
  /** Longest delay between polls (default 60 s). */
  maxDelayMs?: number;
  /** Growth per poll with nothing finished (default 1.5). */
  factor?: number;
  scheduler?: Scheduler;
  /** GetAsyncInvoke calls at once while polling (default 4). */
  concurrency?: number;
}

export class JobTracker extends Disposable {
  private readonly byArn = new Map<string, AsyncJob>();
  private timer: unknown;
  private delayMs: number;
  private polling?: Promise<void>;
  private readonly opts: Required<PollingOptions>;
  private readonly changed = this._register(new Emitter<void>());
  private readonly finished = this._register(new Emitter<AsyncJob>());
  /** The list or a job changed. */
  readonly onDidChange = this.changed.event;
  /** A job this tracker saw running has completed or failed. */
  readonly onDidFinish = this.finished.event;
  /** Why the last refresh or poll failed; cleared by the next success. */
  lastError?: ClassifiedError;
  /** The list stopped at the page limit: older jobs exist. */
  truncated = false;
  /** A refresh has completed at least once. */
  loaded = false;

  constructor(
    private readonly invoker: Pick<AsyncInvoker, 'get' | 'listAll'>,
    options: PollingOptions = {},
  ) {
    super();
    this.opts = { initialDelayMs: 5000, maxDelayMs: 60_000, factor: 1.5, scheduler: realScheduler, concurrency: 4, ...options };
    this.delayMs = this.opts.initialDelayMs;
    this._register({ dispose: () => this.stopTimer() });
  }

  get jobs(): AsyncJob[] {
    return [...this.byArn.values()].sort(byNewest);
  }

  job(arn: string): AsyncJob | undefined {
    return this.byArn.get(arn);
  }

  /** A poll is scheduled (something is in progress). */
  get isPolling(): boolean {
    return this.timer !== undefined;
  }

  /** The delay before the scheduled poll. */
  get nextDelayMs(): number | undefined {
    return this.timer === undefined ? undefined : this.delayMs;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.opts.scheduler.clear(this.timer);
    this.timer = undefined;
  }

  /** Takes a job's new state; fires onDidFinish when one seen running has finished. */
  private take(job: AsyncJob): void {
    const before = this.byArn.get(job.invocationArn);
    this.byArn.set(job.invocationArn, job);
    if (before && isRunning(before) && isFinished(job)) this.finished.fire(job);
  }

  /** Another region or account: forget every job (they are not there) until the next refresh. */
  clear(): void {
    this.stopTimer();
    this.byArn.clear();
    this.lastError = undefined;
    this.loaded = false;
    this.changed.fire();
  }

  /** Reads every job in the region again, then polls while any is running. */
  async refresh(signal?: AbortSignal): Promise<void> {
    try {
      const { jobs, truncated } = await this.invoker.listAll({}, signal);
      const listed = new Set(jobs.map((j) => j.invocationArn));
      for (const j of jobs) this.take(j);
      // A job started here that the list does not show yet (eventual consistency) stays.
      for (const [arn, j] of this.byArn) if (!listed.has(arn) && !isRunning(j)) this.byArn.delete(arn);
      this.truncated = truncated;
      this.lastError = undefined;
    } catch (e) {
      this.lastError = classifyError(e);
    }
    this.loaded = true;
    this.changed.fire();
    this.schedule(true);
  }

  /** A job just started (here or elsewhere): read it now and poll from the shortest delay. */
  async track(invocationArn: string): Promise<AsyncJob | undefined> {
    let job: AsyncJob | undefined;
    try {
      job = await this.invoker.get(invocationArn);
      this.take(job);
      this.lastError = undefined;
    } catch (e) {
      this.lastError = classifyError(e);
    }
    this.changed.fire();
    this.schedule(true);
    return job;
  }

  /** Polls now instead of waiting for the timer (the view's refresh while jobs run). */
  pollNow(): Promise<void> {
    this.stopTimer();
    return this.poll();
  }

  private schedule(reset: boolean): void {
    if (this.isDisposed) return;
    if (reset) this.delayMs = this.opts.initialDelayMs;
    if (!this.jobs.some(isRunning)) {
      // Idle: no timer at all until a job starts or a refresh finds one running.
      this.stopTimer();
      return;
    }
    if (this.timer !== undefined && !reset) return;
    this.stopTimer();
    this.timer = this.opts.scheduler.set(() => {
      this.timer = undefined;
      void this.poll();
    }, this.delayMs);
  }

  private poll(): Promise<void> {
    this.polling ??= (async () => {
      const running = this.jobs.filter(isRunning);
      let anyFinished = false;
      let failed: unknown;
      for (let i = 0; i < running.length; i += this.opts.concurrency) {
        await Promise.all(
          running.slice(i, i + this.opts.concurrency).map(async (j) => {
            try {
              const now = await this.invoker.get(j.invocationArn);
              this.take(now);
              if (isFinished(now)) anyFinished = true;
            } catch (e) {
              failed = e;
            }
          }),
        );
      }
      this.lastError = failed === undefined ? undefined : classifyError(failed);
      if (!this.isDisposed) this.changed.fire();
      // Something finished: others may be close too. Otherwise wait longer each time.
      this.delayMs = anyFinished ? this.opts.initialDelayMs : Math.min(this.opts.maxDelayMs, Math.round(this.delayMs * this.opts.factor));
      this.schedule(false);
    })().finally(() => (this.polling = undefined));
    return this.polling;
  }
}
