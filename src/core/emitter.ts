// A vscode-free event emitter whose `event` has the same shape as `vscode.Event`, so views can
// subscribe with the usual `onDidX(listener)` and dispose the result.
import type { IDisposable } from './lifecycle';

export type Event<T> = (listener: (e: T) => void) => IDisposable;

export class Emitter<T> implements IDisposable {
  private listeners = new Set<(e: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // One faulty listener must not stop the others or the producer.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
