import assert from 'node:assert/strict';
import { Emitter } from '../../../../src/core/emitter';
import { routerChatBackend } from '../../../../src/core/chat/routerChatBackend';

describe('router chat backend', () => {
  it('follows the default chat model setting without a reload: read live, and the picker is told', () => {
    const catalogChanged = new Emitter<void>();
    const settingChanged = new Emitter<void>();
    let setting: string | undefined = 'amazon.nova-lite-v1:0';
    const backend = routerChatBackend(
      {
        stream: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true as const, value: undefined }) }) }),
        plan: (request) => ({ request, baseModelId: request.modelId, steps: [], notes: [] }),
      },
      { descriptors: [], onDidChange: catalogChanged.event },
      { read: () => setting, onDidChange: settingChanged.event },
    );
    let told = 0;
    const sub = backend.onDidChangeModels!(() => told++);
    assert.equal(backend.defaultModelId!(), 'amazon.nova-lite-v1:0');
    setting = 'anthropic.claude-3-haiku-20240307-v1:0';
    settingChanged.fire();
    assert.equal(backend.defaultModelId!(), 'anthropic.claude-3-haiku-20240307-v1:0');
    catalogChanged.fire();
    assert.equal(told, 2);
    sub.dispose();
    settingChanged.fire();
    catalogChanged.fire();
    assert.equal(told, 2, 'disposing stops both subscriptions');
    setting = '';
    assert.equal(backend.defaultModelId!(), undefined);
  });
});
