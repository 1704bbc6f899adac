// The status bar's "runtime failed" for chat turns: the chat backend over the real router and SDK,
// against the emulator dropping connections, names the endpoint; the next answered turn clears it.
import assert from 'node:assert/strict';
import type { EndpointId } from '../../../src/core/bedrock/catalog/apiId';
import type { EndpointOutcome } from '../../../src/core/chat/endpointOutcomes';
import { routerChatBackend } from '../../../src/core/chat/routerChatBackend';
import { collect, errorOf, textOf, useEmulatorRig } from './routerHarness';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('chat turns report which endpoint failed (emulator)', () => {
  const t = useEmulatorRig({ scenario: { defaults: { text: 'Fine.' } } });

  it('a connection dropped before any answer names the runtime endpoint; the next answered turn clears it', async () => {
    const reports: Array<[EndpointId, EndpointOutcome | undefined]> = [];
    const backend = routerChatBackend(t.rig.router, t.rig.catalog, { read: () => undefined, onDidChange: () => ({ dispose() {} }) }, (e, f) => reports.push([e, f]));
    const ask = { modelId: HAIKU, maxTokens: 100, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hello' }] }] };

    t.emu.fault({ kind: 'resetBeforeHeaders', count: Infinity });
    const failed = await collect(backend.stream(ask, new AbortController().signal));
    assert.equal(errorOf(failed)?.error.kind, 'network');
    assert.equal(reports.length, 1, JSON.stringify(reports));
    assert.equal(reports[0][0], 'runtime');
    assert.match(reports[0][1]!.doing, /^running a chat turn \(ConverseStream\)$/);
    assert.equal(reports[0][1]!.message, errorOf(failed)!.error.message);

    t.emu.clearFaults();
    const answered = await collect(backend.stream(ask, new AbortController().signal));
    assert.equal(textOf(answered), 'Fine.');
    assert.deepEqual(reports.at(-1), ['runtime', undefined]);
  });
});
