import * as assert from 'node:assert/strict';
import { modelIdFromArgument } from '../../../../src/core/chat/modelOptions';

describe('chat: model id from a command argument', () => {
  it('finds the model id behind explorer rows and strings', () => {
    assert.equal(modelIdFromArgument('m'), 'm');
    assert.equal(modelIdFromArgument({ kind: 'model', descriptor: { id: 'd' } }), 'd');
    assert.equal(modelIdFromArgument({ kind: 'profile', profile: { id: 'us.p' }, baseModel: { id: 'd' } }), 'us.p');
    assert.equal(modelIdFromArgument(undefined), undefined);
    assert.equal(modelIdFromArgument(42), undefined);
  });
});
