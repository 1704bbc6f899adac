// The connection registers every secret it holds or resolves with the process-wide redactor.
import assert from 'node:assert/strict';
import { BedrockConnection } from '../../../../../src/core/bedrock/connection/connection';
import { redact, secretRedactor } from '../../../../../src/core/bedrock/errors/redact';

describe('connection: secrets are registered for redaction', () => {
  afterEach(() => secretRedactor.clear());

  it('the stored API key, AWS_BEARER_TOKEN_BEDROCK and static credentials, at construction and on update', () => {
    const c = new BedrockConnection(
      { apiKey: 'ABSKstoredKeyValue0001', staticCredentials: { accessKeyId: 'AKIDSTATIC000001', secretAccessKey: 'static/secret+value', sessionToken: 'static-session-token' } },
      { AWS_BEARER_TOKEN_BEDROCK: 'env-bearer-token-0001' },
    );
    for (const v of ['ABSKstoredKeyValue0001', 'env-bearer-token-0001', 'static/secret+value', 'static-session-token', 'AKIDSTATIC000001']) {
      assert.equal(redact(`echo ${encodeURIComponent(v)} end`), 'echo *** end', v);
    }
    c.update({ apiKey: 'rotated-api-key-0002', proxy: 'http://me:proxy%2Fpassw0rd@proxy:3128' });
    assert.equal(redact('x rotated-api-key-0002'), 'x ***');
    assert.equal(redact('proxy password proxy/passw0rd'), 'proxy password ***');
    c.dispose();
  });

  it('credentials the provider chain resolves lazily (here from the environment) when a request needs them', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDFROMENV00001', AWS_SECRET_ACCESS_KEY: 'env/secret+key+value', AWS_SESSION_TOKEN: 'env-session-token-lazy' });
    delete process.env.AWS_PROFILE;
    const c = new BedrockConnection({ region: 'us-east-1' }, {});
    try {
      assert.equal(redact('env-session-token-lazy'), 'env-session-token-lazy', 'nothing is known before credentials resolve');
      await c.authHeaders('runtime', { method: 'POST', url: 'https://bedrock-runtime.us-east-1.amazonaws.com/x', headers: {}, body: '' });
      assert.equal(redact('token env-session-token-lazy, key env/secret+key+value'), 'token ***, key ***');
    } finally {
      c.dispose();
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});
