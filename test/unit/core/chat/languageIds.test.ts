import * as assert from 'node:assert/strict';
import { languageIdForFence } from '../../../../src/core/chat/languageIds';

describe('chat: language ids', () => {
  it('maps fence tags to VS Code language ids', () => {
    assert.equal(languageIdForFence('ts'), 'typescript');
    assert.equal(languageIdForFence('sh'), 'shellscript');
    assert.equal(languageIdForFence('Go'), 'go');
    assert.equal(languageIdForFence(undefined), undefined);
  });
});
