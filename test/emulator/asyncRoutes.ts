// Handlers for async invocation and ApplyGuardrail, grouped to keep the route table flat.
import { getAsyncInvoke, listAsyncInvokes, startAsyncInvoke } from './asyncInvoke';
import type { RouteCall } from './routeContext';

async function applyGuardrail(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as { content?: Array<{ text?: { text?: string } }> };
  const chars = (body.content ?? []).reduce((n, c) => n + (c.text?.text?.length ?? 0), 0);
  await call.ex.sendJson(200, {
    usage: { topicPolicyUnits: 1, contentPolicyUnits: 1, wordPolicyUnits: 1, sensitiveInformationPolicyUnits: 1, sensitiveInformationPolicyFreeUnits: 0, contextualGroundingPolicyUnits: 0 },
    action: 'NONE',
    outputs: [],
    assessments: [{}],
    guardrailCoverage: { textCharacters: { guarded: chars, total: chars } },
  });
}

export const asyncRouteHandlers = { start: startAsyncInvoke, get: getAsyncInvoke, list: listAsyncInvokes, guardrail: applyGuardrail };
