// When batched renders run. The app uses animation frames (at most one render per frame however
// many deltas arrive, and none while the panel is hidden); tests and the benchmark drive frames
// by hand so they need no timers and measure render cost, not frame waits.

export interface FrameScheduler {
  /** Runs `callback` before the next paint; returns a handle for `cancelFrame`. */
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
}

/** Animation frames of `win` (the webview's window). */
export function animationFrameScheduler(win: Pick<Window, 'requestAnimationFrame' | 'cancelAnimationFrame'>): FrameScheduler {
  return {
    requestFrame: (callback) => win.requestAnimationFrame(() => callback()),
    cancelFrame: (handle) => win.cancelAnimationFrame(handle),
  };
}

export interface ManualFrameScheduler extends FrameScheduler {
  /** Callbacks waiting for the next frame. */
  readonly pending: number;
  /** Runs every callback requested so far (one "frame"); returns how many ran. */
  runFrame(): number;
}

/** Frames that happen only when `runFrame()` is called. */
export function manualFrameScheduler(): ManualFrameScheduler {
  let next = 1;
  const queue = new Map<number, () => void>();
  return {
    get pending() {
      return queue.size;
    },
    requestFrame(callback) {
      const handle = next++;
      queue.set(handle, callback);
      return handle;
    },
    cancelFrame(handle) {
      queue.delete(handle);
    },
    runFrame() {
      const callbacks = [...queue.values()];
      queue.clear();
      for (const cb of callbacks) cb();
      return callbacks.length;
    },
  };
}
