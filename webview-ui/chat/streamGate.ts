// Accepts stream messages only for the reply on screen and only in sequence: posts from a stream
// the user stopped or replaced, duplicates and anything out of order are dropped.
import type { ChatStreamMessage } from '../../src/shared/protocol';

export class StreamGate {
  private requestId: string | undefined;
  private nextSeq = 0;
  private ended = false;

  /** Expect the stream `requestId` (called when the user sends). */
  expect(requestId: string): void {
    this.requestId = requestId;
    this.nextSeq = 0;
    this.ended = false;
  }

  /** Forget the current stream: everything still arriving for it is dropped. */
  reset(): void {
    this.requestId = undefined;
  }

  /** The last stream expected, finished or not (error actions refer to it). */
  get lastRequestId(): string | undefined {
    return this.requestId;
  }

  get active(): string | undefined {
    return this.ended ? undefined : this.requestId;
  }

  accept(m: ChatStreamMessage): boolean {
    if (m.requestId !== this.requestId || this.ended || m.seq !== this.nextSeq) return false;
    // seq 0 opens a stream, or is the lone `chat/error` of a request refused before it started.
    if (m.method === 'chat/start' ? m.seq !== 0 : m.seq === 0 && m.method !== 'chat/error') return false;
    this.nextSeq++;
    if (m.method === 'chat/end' || m.method === 'chat/error') this.ended = true;
    return true;
  }
}
