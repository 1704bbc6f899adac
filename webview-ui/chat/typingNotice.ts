// Tells the host the user is typing (so it can open the connection), at most every few seconds.
// Split out of chatApp.ts so the throttle lives on its own.
import type { HostApi } from './vscodeApi';

/** The host dedupes warm-ups itself; this only keeps keystrokes from each becoming a message. */
const TYPING_NOTICE_INTERVAL_MS = 10_000;

export class TypingNotice {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly host: HostApi) {}

  notice(): void {
    const now = Date.now();
    if (now - this.last < TYPING_NOTICE_INTERVAL_MS) return;
    this.last = now;
    this.host.postMessage({ method: 'composer/typing' });
  }
}
