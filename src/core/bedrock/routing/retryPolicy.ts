// One retry policy for every path: the SDK clients get it as their retry strategy, the
// compatible-endpoint transport runs it itself. The AWS standard policy: 3 attempts, throttling and
// transient failures (5xx, connection resets) retried after an exponential backoff with full jitter,
// never shorter than the service's `Retry-After`. Each retry is reported to whoever started the
// call (the chat turn), so the UI can say "retrying (2/3)…" whichever API serves the turn.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

export interface RetryNotice {
  /** The attempt about to be made (2 = the first retry). */
  attempt: number;
  maxAttempts: number;
  /** What failed: the exception name, `HTTP 503`, or the network error code. */
  reason: string;
  delayMs: number;
}

export type RetryListener = (notice: RetryNotice) => void;

export interface RetryOptions {
  /** Total attempts, the first included (default 3). */
  maxAttempts?: number;
  /** The jitter source (tests pass `() => 0` so retries do not wait). */
  random?: () => number;
}

const BASE_DELAY_MS = 100;
const THROTTLING_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

const listeners = new AsyncLocalStorage<RetryListener>();

/** Runs `fn` with `listener` told about every retry made on its behalf (SDK or compatible endpoint). */
export function withRetryListener<T>(listener: RetryListener, fn: () => T): T {
  return listeners.run(listener, fn);
}

function report(notice: RetryNotice): void {
  try {
    listeners.getStore()?.(notice);
  } catch {
    // A listener's failure must not change the request's outcome.
  }
}

export type RetryKind = 'throttling' | 'transient';

export class RetryPolicy {
  readonly maxAttempts: number;
  private readonly random: () => number;

  constructor(options: RetryOptions = {}) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.random = options.random ?? Math.random;
  }

  /** The wait before retry number `retry` (1 = the first retry). */
  delayMs(retry: number, kind: RetryKind, retryAfterMs?: number): number {
    const base = kind === 'throttling' ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
    const backoff = Math.floor(this.random() * Math.min(MAX_DELAY_MS, base * 2 ** (retry - 1)));
    return retryAfterMs === undefined ? backoff : Math.max(backoff, Math.min(Math.max(0, retryAfterMs), MAX_DELAY_MS));
  }

  /**
   * Decides after a failed attempt (`attempt` = 1 for the first): the wait before the next one, or
   * undefined when the failure is not retryable or the attempts are used up. Reports the retry.
   */
  next(attempt: number, kind: RetryKind | undefined, reason: string, retryAfterMs?: number): number | undefined {
    if (!kind || attempt >= this.maxAttempts) return undefined;
    const delayMs = this.delayMs(attempt, kind, retryAfterMs);
    report({ attempt: attempt + 1, maxAttempts: this.maxAttempts, reason, delayMs });
    return delayMs;
  }

  /** The same policy as the SDK's retry strategy (the SDK's retry middleware does the waiting). */
  sdkStrategy(): RetryStrategyV2 {
    const token = (count: number, delay: number): RetryToken => ({
      getRetryCount: () => count,
      getRetryDelay: () => delay,
    });
    return {
      acquireInitialRetryToken: () => Promise.resolve(token(0, 0)),
      refreshRetryTokenForRetry: (previous, info: RetryErrorInfo) => {
        const attempt = previous.getRetryCount() + 1;
        const kind = info.errorType === 'THROTTLING' ? 'throttling' : info.errorType === 'TRANSIENT' ? 'transient' : undefined;
        const after = info.retryAfterHint ? info.retryAfterHint.getTime() - Date.now() : undefined;
        const delay = this.next(attempt, kind, info.error?.name || info.errorType, after);
        if (delay === undefined) return Promise.reject(new Error('No retry token available'));
        return Promise.resolve(token(attempt, delay));
      },
      recordSuccess: () => undefined,
    };
  }
}

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const THROTTLING_NAMES = new Set(['ThrottlingException', 'ModelNotReadyException', 'TooManyRequestsException', 'rate_limit_error', 'overloaded_error']);

/** How the standard policy treats an HTTP status or a failure before any response. */
export function retryKindOf(failure: { status?: number; name?: string; code?: string }): RetryKind | undefined {
  if (failure.status === 429 || (failure.name && THROTTLING_NAMES.has(failure.name))) return 'throttling';
  if (failure.status !== undefined) return TRANSIENT_STATUS.has(failure.status) ? 'transient' : undefined;
  return failure.code && TRANSIENT_CODES.has(failure.code) ? 'transient' : undefined;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
