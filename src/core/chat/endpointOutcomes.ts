// Which endpoint a chat turn reached, and whether it answered, for the status bar's "runtime failed"
// beside the model list's own failures. The turn's events pass through unchanged; the endpoint is
// the one the last `route` event named (a fallback moves it).
import type { ChatEvent } from '../bedrock/adapters/chatEvent';
import { API_LABELS, type EndpointId } from '../bedrock/catalog/apiId';
import type { ErrorKind } from '../bedrock/errors/classifiedError';

/** What went wrong on an endpoint; undefined when it answered. */
export interface EndpointOutcome {
  doing: string;
  message: string;
}

export type EndpointReport = (endpoint: EndpointId, failure: EndpointOutcome | undefined) => void;

/**
 * Failures that say the endpoint could not be used at all. Throttling, a refused request, a model
 * not enabled or a stop the user asked for are answers from a working endpoint.
 */
const ENDPOINT_FAILURES: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['network', 'timeout', 'serviceError', 'credentials', 'untrustedEndpoint']);

export async function* reportEndpointOutcomes(events: AsyncIterable<ChatEvent>, report: EndpointReport): AsyncGenerator<ChatEvent> {
  let route: Extract<ChatEvent, { type: 'route' }>['step'] | undefined;
  let answered = false;
  for await (const e of events) {
    if (e.type === 'route') {
      route = e.step;
      answered = false;
    } else if (route && !answered && (e.type === 'text' || e.type === 'reasoning' || e.type === 'toolCall' || e.type === 'stop')) {
      // The first thing the model says: the endpoint works, whatever happens to the rest of the turn.
      answered = true;
      report(route.endpoint, undefined);
    } else if (route && !answered && e.type === 'error' && ENDPOINT_FAILURES.has(e.error.kind)) {
      report(route.endpoint, { doing: `running a chat turn (${API_LABELS[route.api] ?? route.api})`, message: e.error.message });
    }
    yield e;
  }
}
