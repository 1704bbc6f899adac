// Waits for a condition that an event signals, instead of sleeping: checks now, then on every
// event, and fails with a message if it never holds.
import type { IDisposable } from '../../src/core/lifecycle';

type Subscribe = (listener: () => void) => IDisposable;

export function waitFor<T>(onChange: Subscribe, probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const v = probe();
      if (v !== undefined && v !== false) {
        done();
        resolve(v as T);
      }
    };
    const sub = onChange(check);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}
