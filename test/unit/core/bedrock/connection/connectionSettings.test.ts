import * as assert from 'node:assert/strict';
import { credentialSourceLabel } from '../../../../../src/core/bedrock/connection/connectionSettings';

describe('credentialSourceLabel', () => {
  it('names the credential source in a few words', () => {
    assert.equal(credentialSourceLabel({ auth: 'apiKey' }), 'API key (stored)');
    assert.equal(credentialSourceLabel({ auth: 'apiKeyEnv' }), 'API key (AWS_BEARER_TOKEN_BEDROCK)');
    assert.equal(credentialSourceLabel({ auth: 'sigv4', profile: 'dev' }), 'profile dev');
    assert.equal(credentialSourceLabel({ auth: 'sigv4' }), 'default credentials');
  });
});
