import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../src/core/bedrock/adapters/chatEvent';
import type { EndpointId } from '../../../../src/core/bedrock/catalog/apiId';
import { errorAction, type ErrorKind } from '../../../../src/core/bedrock/errors/classifiedError';
import type { RouteStep } from '../../../../src/core/bedrock/routing/routePlan';
import { reportEndpointOutcomes, type EndpointOutcome } from '../../../../src/core/chat/endpointOutcomes';

const step = (endpoint: EndpointId, api: RouteStep['api'] = 'converse-stream'): RouteStep => ({ api, endpoint, target: 'm', reason: 'test', adjustments: {} });
const route = (endpoint: EndpointId, api?: RouteStep['api']): ChatEvent => ({ type: 'route', step: step(endpoint, api), attempt: 1 });
const error = (kind: ErrorKind, message = `${kind} happened`): ChatEvent => ({ type: 'error', error: { kind, message, action: errorAction('none') }, partialText: '' });

async function run(events: ChatEvent[]) {
  const reports: Array<[EndpointId, EndpointOutcome | undefined]> = [];
  async function* source() {
    yield* events;
  }
  const seen: ChatEvent[] = [];
  for await (const e of reportEndpointOutcomes(source(), (endpoint, failure) => reports.push([endpoint, failure]))) seen.push(e);
  assert.deepEqual(seen, events, 'every event passes through unchanged');
  return reports;
}

describe('endpoint outcomes of chat turns', () => {
  it('a turn that could not reach its endpoint names the endpoint, the API and the message', async () => {
    assert.deepEqual(await run([route('runtime'), error('network', 'connect ECONNREFUSED 127.0.0.1:1')]), [
      ['runtime', { doing: 'running a chat turn (ConverseStream)', message: 'connect ECONNREFUSED 127.0.0.1:1' }],
    ]);
    for (const kind of ['timeout', 'serviceError', 'credentials', 'untrustedEndpoint'] as const) {
      assert.equal((await run([route('mantle', 'chat-completions'), error(kind)]))[0]?.[0], 'mantle', kind);
    }
  });

  it('answers from a working endpoint are not its failures: throttling, a refused request, a model not enabled, a stop', async () => {
    for (const kind of ['throttled', 'validation', 'modelNotEnabled', 'accessDenied', 'cancelled'] as const) {
      assert.deepEqual(await run([route('runtime'), error(kind)]), [], kind);
    }
  });

  it('the first thing the model says clears the endpoint, once; an error after it is the turn’s, not the endpoint’s', async () => {
    const text: ChatEvent = { type: 'text', text: 'Hi' };
    assert.deepEqual(await run([route('runtime'), text, text, error('network')]), [['runtime', undefined]]);
  });

  it('after a fallback the endpoint is the one the last route named', async () => {
    const reports = await run([route('runtime'), { type: 'route', step: step('mantle', 'messages'), attempt: 1, fallbackFrom: { step: step('runtime'), reason: 'x' } }, error('network')]);
    assert.deepEqual(reports.map(([e, f]) => [e, f?.doing]), [['mantle', 'running a chat turn (Anthropic Messages)']]);
  });

  it('nothing is reported before any route (a refusal before sending)', async () => {
    assert.deepEqual(await run([error('network')]), []);
  });
});
