import * as assert from 'node:assert/strict';
import { MAX_FAVOURITES, readDefaultSystemPrompt, readFavouriteModels, storedDefaultSystemPrompt, withFavouriteModel } from '../../../../src/core/chat/chatPreferences';

describe('chat preferences as stored (favourites, default system prompt)', () => {
  it('stars and unstars; reads back only what this version wrote, without duplicates or junk', () => {
    const starred = withFavouriteModel(withFavouriteModel([], 'a', true).ids, 'b', true);
    assert.deepEqual(readFavouriteModels(starred), ['a', 'b']);
    assert.deepEqual(readFavouriteModels(withFavouriteModel(['a', 'b'], 'a', false)), ['b']);
    assert.deepEqual(readFavouriteModels({ v: 1, ids: ['a', 'a', 7, '', '  ', null, 'c'] }), ['a', 'c']);
    for (const junk of [undefined, null, 'a', ['a'], { v: 2, ids: ['a'] }, { v: 1, ids: 'a' }]) assert.deepEqual(readFavouriteModels(junk), []);
    const many = { v: 1, ids: Array.from({ length: 500 }, (_, i) => `m${i}`) };
    assert.equal(readFavouriteModels(many).length, MAX_FAVOURITES);
  });

  it('a default system prompt round-trips; anything else reads as none', () => {
    assert.equal(readDefaultSystemPrompt(storedDefaultSystemPrompt('Be brief.')), 'Be brief.');
    for (const junk of [undefined, 'text', { v: 1, text: 5 }, { v: 9, text: 'x' }, { v: 1, text: 'x'.repeat(200_000) }]) assert.equal(readDefaultSystemPrompt(junk), '');
  });
});
