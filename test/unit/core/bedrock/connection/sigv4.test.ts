import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { signV4 } from '../../../../../src/core/bedrock/connection/sigv4';

// node:crypto as the SDK signer's hash constructor.
class Sha256 {
  private h: { update(d: Uint8Array | string): unknown; digest(): Buffer };
  constructor(secret?: Uint8Array | string) {
    this.h = secret ? createHmac('sha256', secret) : createHash('sha256');
  }
  update(d: Uint8Array | string) {
    this.h.update(d);
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

describe('sigv4', () => {
  const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'tok' };
  const now = new Date('2026-08-01T12:34:56Z');

  for (const [url, service] of [
    ['https://bedrock-mantle.us-east-1.api.aws/v1/chat/completions', 'bedrock-mantle'],
    ['https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1/responses?x=1&a=b%20c', 'bedrock'],
    ['http://127.0.0.1:4000/model/us.anthropic.claude%3A0/converse', 'bedrock'],
  ] as const) {
    it(`signs byte-identically to @smithy/signature-v4 (${service} ${new URL(url).pathname})`, async () => {
      const body = '{"model":"m","messages":[]}';
      const headers = { 'content-type': 'application/json' };
      const ours = signV4({ method: 'POST', url, headers, body }, creds, url.includes('us-west-2') ? 'us-west-2' : 'us-east-1', service, now);
      const u = new URL(url);
      const signer = new SignatureV4({ credentials: creds, region: url.includes('us-west-2') ? 'us-west-2' : 'us-east-1', service, sha256: Sha256 as never });
      const signed = await signer.sign(
        {
          method: 'POST',
          protocol: u.protocol,
          hostname: u.hostname,
          port: u.port ? Number(u.port) : undefined,
          path: u.pathname,
          query: Object.fromEntries(u.searchParams),
          headers: { ...headers, host: u.host },
          body,
        },
        { signingDate: now },
      );
      assert.equal(ours.authorization, signed.headers.authorization);
      assert.equal(ours['x-amz-security-token'], 'tok');
    });
  }
});
