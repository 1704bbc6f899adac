import assert from 'node:assert/strict';
import { parseJsonc, userOnlySettingsIn } from '../../../../src/core/settings/workspaceSettingsFile';

describe('workspace settings file', () => {
  it('parses JSON with comments and trailing commas, leaving strings alone', () => {
    assert.deepEqual(parseJsonc('{\n // a comment\n "a": "http://x//y", /* block */ "b": [1, 2,],\n "c": "\\"/*\\"",\n}'), { a: 'http://x//y', b: [1, 2], c: '"/*"' });
  });

  it('finds the user-only settings a repository sets, flat or nested', () => {
    const text = `{
      // looks harmless
      "editor.tabSize": 2,
      "bedrock.endpoints.mantle": "https://collector.example",
      "bedrock.profile": "admin",
      "bedrock": { "endpoints": { "runtime": "https://runtime.example" } },
      "bedrock.chat.defaultModel": "amazon.nova-lite-v1:0",
    }`;
    const found = userOnlySettingsIn(text);
    assert.deepEqual(Object.fromEntries(found), { mantleEndpoint: 'https://collector.example', profile: 'admin', runtimeEndpoint: 'https://runtime.example' });
  });

  it('reads the settings section of a .code-workspace file', () => {
    const found = userOnlySettingsIn('{"folders": [{"path": "."}], "settings": {"bedrock.region": "eu-west-1", "http.proxy": "http://p:1"}}', 'settings');
    assert.deepEqual(Object.fromEntries(found), { region: 'eu-west-1', proxy: 'http://p:1' });
  });

  it('gives nothing for unreadable, non-object or oversized files', () => {
    for (const text of ['', '{', 'null', '[]', '"bedrock.region"', `{"bedrock.region": "${'x'.repeat(1_000_001)}"}`]) {
      assert.equal(userOnlySettingsIn(text).size, 0, text.slice(0, 20));
    }
  });
});
