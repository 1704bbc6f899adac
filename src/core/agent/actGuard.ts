// Stop is final for the tools that act. A tool changes the workspace or starts something in one
// step (a workspace edit, a file creation, a command sent to a terminal, another extension's tool
// invoked); it runs that step through its guard, which refuses once the turn was stopped. So a
// tool still planning when the user presses Stop (reading the file, waiting for a terminal) can
// never apply its change afterwards, and the loop knows whether a stopped call changed anything.

/** Thrown by `act` when the turn was stopped before the tool's change began: nothing was done. */
export class StoppedBeforeActing extends Error {
  constructor() {
    super('The turn was stopped before this call changed anything.');
    this.name = 'StoppedBeforeActing';
  }
}

/** By name, not class: a guard made by another bundle (a test's) throws its own copy of the class. */
export function isStoppedBeforeActing(e: unknown): e is StoppedBeforeActing {
  return e instanceof Error && e.name === 'StoppedBeforeActing';
}

export interface ActGuard {
  /** Runs `change` unless `signal` has aborted (then throws StoppedBeforeActing); call it with no wait between it and the change. */
  act<T>(change: () => T): T;
  /** Whether a change was begun through `act` (whatever came of it). */
  readonly acted: boolean;
}

export function actGuard(signal: AbortSignal): ActGuard {
  let acted = false;
  return {
    act<T>(change: () => T): T {
      if (signal.aborted) throw new StoppedBeforeActing();
      acted = true;
      return change();
    },
    get acted() {
      return acted;
    },
  };
}
