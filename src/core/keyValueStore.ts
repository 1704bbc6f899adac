// Persistence the core needs, as a tiny interface: `vscode.Memento` (globalState) satisfies it,
// and tests pass a Map-backed one.

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void> | void;
  /** Every stored key, when the store can list them (lets a reader recover records an unreadable index lost). */
  keys?(): readonly string[];
}

/** In-memory store for tests and for running without persistence. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    // Round-trip through JSON like Memento does, so tests catch non-serialisable values.
    return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as T);
  }
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  update(key: string, value: unknown): void {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}
