import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS, SETTING_NAMES } from '../../../../src/core/settings/settingsTable';

const manifest = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'));
const contributed: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;
const specs = SETTING_NAMES.map((n) => SETTINGS[n]);

describe('settings table', () => {
  it('declares exactly the settings the manifest contributes', () => {
    const ours = specs.filter((s) => !('external' in s)).map((s) => s.key).sort();
    assert.deepEqual(ours, Object.keys(contributed).sort());
  });

  for (const spec of specs.filter((s) => !('external' in s))) {
    it(`${spec.key}: type, default, range and scope agree with the manifest`, () => {
      const m = contributed[spec.key];
      assert.equal(m.type, spec.type);
      assert.deepEqual(m.default, spec.default);
      if (spec.type === 'array') {
        assert.deepEqual(m.items, { type: 'string' });
      } else if ('choices' in spec) {
        assert.deepEqual(m.enum, spec.choices);
        assert.ok((spec.choices as readonly string[]).includes(spec.default), 'the default is a choice');
      } else if (spec.type === 'string') {
        assert.equal(m.minimum, undefined);
        assert.equal(m.maximum, undefined);
      } else {
        assert.equal(m.minimum, spec.minimum, 'minimum');
        assert.equal(m.maximum, spec.maximum, 'maximum');
        assert.ok(spec.minimum <= spec.default && spec.default <= spec.maximum, 'the default is in range');
      }
      assert.equal(m.scope, 'userOnly' in spec ? 'machine' : undefined, 'scope');
    });
  }

  it('restricts in untrusted workspaces exactly the contributed settings read from user settings only', () => {
    const userOnly = specs.filter((s) => 'userOnly' in s && !('external' in s)).map((s) => s.key).sort();
    assert.deepEqual(userOnly, [
      'bedrock.agent.approval.create',
      'bedrock.agent.approval.edit',
      'bedrock.agent.approval.external',
      'bedrock.agent.approval.read',
      'bedrock.agent.approval.terminal',
      'bedrock.agent.disabledTools',
      'bedrock.async.s3OutputUri',
      'bedrock.endpoints.control', 'bedrock.endpoints.mantle', 'bedrock.endpoints.runtime', 'bedrock.endpoints.s3', 'bedrock.profile', 'bedrock.region',
      'bedrock.voice.voiceId']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), userOnly);
  });
});
