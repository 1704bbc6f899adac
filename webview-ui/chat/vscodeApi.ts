// The webview's handle on the host: typed posts (only protocol messages) and the state VS Code
// keeps for the panel across hide/show and window reloads.
import type { PersistedWebviewState, WebviewToHostMessage } from '../../src/shared/protocol';

export interface HostApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: PersistedWebviewState): void;
}

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

/** VS Code allows one acquisition per page load. */
export function acquireHostApi(): HostApi {
  const api = acquireVsCodeApi();
  return {
    postMessage: (m) => api.postMessage(m),
    getState: () => api.getState(),
    setState: (s) => api.setState(s),
  };
}
