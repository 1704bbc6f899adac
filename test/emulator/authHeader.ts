// Reads who signed a request. Signatures are not verified: the emulator records the scheme,
// the SigV4 scope (service, region) and the bearer token, which is what tests assert on.
import type { RequestAuth } from './recordedRequest';

const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** Region inside a short-term Bedrock API key (`bedrock-api-key-` + base64 presigned URL). */
function shortTermKeyRegion(token: string): string | undefined {
  if (!token.startsWith('bedrock-api-key-')) return undefined;
  const url = Buffer.from(token.slice('bedrock-api-key-'.length), 'base64').toString('utf8');
  const m = /X-Amz-Credential=[^&]*?%2F\d{8}%2F([a-z0-9-]+)%2F/.exec(url);
  return m?.[1];
}

export function parseAuth(headers: Record<string, string>): RequestAuth {
  const authorization = headers['authorization'] ?? '';
  const sig = SIGV4.exec(authorization);
  if (sig) return { kind: 'sigv4', accessKeyId: sig[1], region: sig[3], signingName: sig[4] };
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
  if (bearer) return { kind: 'bearer', token: bearer[1]!.trim(), region: shortTermKeyRegion(bearer[1]!.trim()) };
  if (headers['x-api-key']) return { kind: 'apiKey', token: headers['x-api-key'] };
  return { kind: 'none' };
}
