import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockConnection, resolveInfo } from '../../../../../src/core/bedrock/connection/connection';
import { listProfiles } from '../../../../../src/core/bedrock/connection/sharedConfig';

describe('connection settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aws-'));
  writeFileSync(join(dir, 'config'), '[default]\nregion = eu-west-1\n[profile work]\nregion = ap-south-1\nsso_session = corp\n');
  writeFileSync(join(dir, 'credentials'), '[default]\naws_access_key_id = AKIDEXAMPLE\n[ci]\naws_access_key_id = X\n');
  const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };

  it('region: setting, else environment, else profile, else us-east-1', () => {
    assert.deepEqual([resolveInfo({ region: 'us-west-2' }, env).region, resolveInfo({ region: 'us-west-2' }, env).regionSource], ['us-west-2', 'setting']);
    assert.equal(resolveInfo({}, { ...env, AWS_REGION: 'ca-central-1' }).region, 'ca-central-1');
    assert.deepEqual([resolveInfo({ profile: 'work' }, env).region, resolveInfo({ profile: 'work' }, env).regionSource], ['ap-south-1', 'profile']);
    assert.equal(resolveInfo({}, env).region, 'eu-west-1');
    assert.deepEqual([resolveInfo({}, { AWS_CONFIG_FILE: '/nope', AWS_SHARED_CREDENTIALS_FILE: '/nope' }).region, resolveInfo({}, { AWS_CONFIG_FILE: '/nope' }).regionSource], ['us-east-1', 'default']);
  });

  it('auth: stored key, else AWS_BEARER_TOKEN_BEDROCK, else SigV4', () => {
    assert.equal(resolveInfo({ apiKey: 'k' }, { AWS_BEARER_TOKEN_BEDROCK: 'e' }).auth, 'apiKey');
    assert.equal(resolveInfo({}, { AWS_BEARER_TOKEN_BEDROCK: 'e' }).auth, 'apiKeyEnv');
    assert.equal(resolveInfo({}, env).auth, 'sigv4');
  });

  it('endpoints: overrides win, defaults follow the region; proxy from setting or environment', () => {
    const i = resolveInfo({ region: 'eu-central-1', endpoints: { runtime: 'http://127.0.0.1:9/' } }, { HTTPS_PROXY: 'http://proxy:3128' });
    assert.equal(i.endpoints.runtime, 'http://127.0.0.1:9');
    assert.equal(i.endpoints.mantle, 'https://bedrock-mantle.eu-central-1.api.aws');
    assert.equal(i.endpoints.control, 'https://bedrock.eu-central-1.amazonaws.com');
    assert.equal(i.proxy, 'http://proxy:3128');
    assert.equal(resolveInfo({ proxy: 'http://setting:1' }, { HTTPS_PROXY: 'http://env:2' }).proxy, 'http://setting:1');
  });

  it('lists profiles from both shared files, with the file each came from', () => {
    const ps = listProfiles(env);
    assert.deepEqual(ps.map((p) => p.name).sort(), ['ci', 'default', 'work']);
    assert.equal(ps.find((p) => p.name === 'work')!.sso, true);
    assert.equal(ps.find((p) => p.name === 'ci')!.file, env.AWS_SHARED_CREDENTIALS_FILE);
  });

  it('update() rebuilds: fires onDidChange and bumps the version; info never carries the key', () => {
    const c = new BedrockConnection({ region: 'us-east-1' }, env);
    let fired = 0;
    c.onDidChange(() => fired++);
    const v = c.version;
    c.update({ region: 'us-east-1', apiKey: 'ABSKsupersecret' });
    assert.equal(fired, 1);
    assert.ok(c.version > v);
    assert.equal(c.info.auth, 'apiKey');
    assert.ok(!JSON.stringify(c.info).includes('ABSKsupersecret'));
    c.dispose();
  });

  it('bearer key goes into the Authorization header of compatible-endpoint calls', async () => {
    const c = new BedrockConnection({ apiKey: 'ABSKk' }, env);
    assert.deepEqual(await c.authHeaders('mantle', { method: 'POST', url: 'https://bedrock-mantle.eu-west-1.api.aws/v1/responses', headers: {}, body: '{}' }), { authorization: 'Bearer ABSKk' });
    const s = new BedrockConnection({ region: 'us-west-2', staticCredentials: { accessKeyId: 'AKID', secretAccessKey: 's' } }, env);
    const h = await s.authHeaders('mantle', { method: 'POST', url: 'https://bedrock-mantle.us-west-2.api.aws/v1/responses', headers: {}, body: '{}' });
    assert.match(h.authorization, /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-west-2\/bedrock-mantle\/aws4_request/);
    c.dispose();
    s.dispose();
  });
});
