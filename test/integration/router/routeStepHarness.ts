// Runs one fixed route step (API, endpoint, target) through the router's own run loop and real
// adapters, so decoding tests pin the wire path they exercise whatever the planner would choose.
import type { ChatEvent } from '../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../src/core/bedrock/adapters/chatRequest';
import type { ClassifiedError } from '../../../src/core/bedrock/errors/classifiedError';
import type { ApiId, EndpointId } from '../../../src/core/bedrock/catalog/apiId';
import { runOneStep } from './apiPaths';
import { collect, type Rig } from './routerHarness';

export interface Step {
  api: ApiId;
  endpoint: EndpointId;
  target: string;
  /** Ask for the non-streaming form (compatible endpoints send `stream: false`). */
  nonStreaming?: boolean;
}

export const stepName = (s: Step) => `${s.api}${s.nonStreaming ? ' (non-streaming)' : ''}@${s.endpoint}`;

export function runStep(rig: Rig, s: Step, request: ChatRequest): Promise<ChatEvent[]> {
  return collect(runOneStep(rig.connection, { api: s.api, endpoint: s.endpoint, target: s.target, reason: 'test' }, request, { nonStreaming: s.nonStreaming }));
}

/** The one terminal error of a failed turn (asserting there is exactly one, last, and no stop). */
export function failure(ev: ChatEvent[]): { error: ClassifiedError; partialText: string } {
  const errors = ev.filter((e) => e.type === 'error');
  if (errors.length !== 1 || ev[ev.length - 1].type !== 'error' || ev.some((e) => e.type === 'stop')) {
    throw new Error(`expected one terminal error and no stop, got ${JSON.stringify(ev.map((e) => e.type))}`);
  }
  const e = errors[0] as Extract<ChatEvent, { type: 'error' }>;
  return { error: e.error, partialText: e.partialText };
}
