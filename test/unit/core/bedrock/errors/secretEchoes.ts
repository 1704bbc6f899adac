// Marker credentials and the ways a service, an SDK or a proxy echoes them back, for the redaction
// tests. The markers are shaped like the real thing (STS session tokens start with `IQoJb3JpZ2lu`,
// Bedrock API keys with `ABSK`) and contain `/`, `+` and `=` so every encoding changes them.
import { inspect } from 'node:util';

export const MARKER = {
  accessKeyId: 'ASIAMARKERKEYID7Q2XZ',
  secretAccessKey: 'mrkSecret/Acc3ss+Key/0123456789abcdEFGH+ij',
  sessionToken:
    'IQoJb3JpZ2luX2VjEMarkerSessTok3n/4Y+gq1w8bXJr/a2VyU2Vzc2lvbg+ZUuw9a8VbQ6tq/2Gx4kLpW+7rNn3s/Hd0YcJfTmIeOqPzRvgA1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6==',
  apiKey: 'ABSKQmVkcm9ja0FQSUtleS1tYXJrZXI6bWFya2VyLWtleS0wMTIzNDU2Nzg5/+Q==',
};
export const MARKER_VALUES = Object.values(MARKER);

const { accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: TOKEN, apiKey: KEY } = MARKER;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const wrap = (s: string, width: number, indent = '') => (s.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(`\n${indent}`);
const lowerHex = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
const sigv4 = `AWS4-HMAC-SHA256 Credential=${AKID}/20260105/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7`;

/** One echo format per entry: a name and the text a service or library might produce. */
export const ECHO_FORMATS: Array<[string, string]> = [
  ['python header dict', `Request headers: {'x-amz-security-token': '${TOKEN}', 'authorization': '${sigv4}'}`],
  ['JSON header object', JSON.stringify({ headers: { 'x-amz-security-token': TOKEN, authorization: `Bearer ${KEY}` } })],
  ['HTTP header lines', `X-Amz-Security-Token: ${TOKEN}\r\nAuthorization: Bearer ${KEY}\r\nHost: bedrock-runtime.us-east-1.amazonaws.com`],
  ['prose, quoted', `The security token '${TOKEN}' is expired.`],
  ['prose, unquoted', `Session token ${TOKEN} was rejected by the service`],
  ['XML error body', `<ErrorResponse><Error><Code>ExpiredToken</Code><Message>expired</Message><Token>${TOKEN}</Token></Error></ErrorResponse>`],
  ['XML credentials', `<Credentials><AccessKeyId>${AKID}</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey><SessionToken>${TOKEN}</SessionToken></Credentials>`],
  ['Bearer%20 URL-encoded', `GET /?Authorization=Bearer%20${encodeURIComponent(KEY)} was refused`],
  ['presigned URL query', `https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke?X-Amz-Credential=${encodeURIComponent(`${AKID}/20260105/us-east-1/bedrock/aws4_request`)}&X-Amz-Security-Token=${encodeURIComponent(TOKEN)}&X-Amz-Signature=abc`],
  ['URL-encoded value in prose', `could not parse credential ${encodeURIComponent(SECRET)} from the query`],
  ['form-encoded (+ for space)', new URLSearchParams({ auth: `Bearer ${KEY}`, secret: SECRET }).toString()],
  ['double URL-encoded', `redirect=${encodeURIComponent(`https://example.test/cb?t=${encodeURIComponent(TOKEN)}`)}`],
  ['lowercase-hex URL-encoded', `value=${lowerHex(SECRET)}; tok=${lowerHex(TOKEN)}`],
  ['base64 of the token', `echo: ${b64(TOKEN)}`],
  ['base64 of "Bearer key"', `the header we saw (base64): ${b64(`Bearer ${KEY}`)}`],
  ['base64 of "id:secret"', `basic credentials ${b64(`${AKID}:${SECRET}`)} rejected`],
  ['Proxy-Authorization Basic', `Proxy-Authorization: Basic ${b64(`user:${SECRET}`)}`],
  ['base64url of JSON credentials', `state=${b64url(JSON.stringify({ secretAccessKey: SECRET, sessionToken: TOKEN }))}`],
  ['JSON with \\/ escaping', `{"message":"signature mismatch for ${SECRET.replace(/\//g, '\\/')} and ${TOKEN.replace(/\//g, '\\/')}"}`],
  ['JSON inside a JSON string', JSON.stringify({ body: JSON.stringify({ sessionToken: TOKEN, secretAccessKey: SECRET }) })],
  ['\\u002F escapes', `"detail":"${SECRET.replace(/\//g, '\\u002F').replace(/\+/g, '\\u002B')}"`],
  ['HTML entities', `<p>Your key ${SECRET.replace(/\//g, '&#x2F;').replace(/\+/g, '&#43;')} is not valid</p>`],
  ['split across lines (76 columns)', `The token was:\n${wrap(TOKEN, 76)}\nand it expired.`],
  ['split across indented lines', `  echo of the request:\n    ${wrap(`${SECRET}${TOKEN}`, 50, '    ')}`],
  ['split with escaped \\n in JSON', JSON.stringify({ message: `token:\n${wrap(TOKEN, 64)}` })],
  [
    'SigV4 canonical request echo',
    `The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been\n'POST\n/model/amazon.nova-micro-v1%3A0/converse-stream\n\nhost:bedrock-runtime.us-east-1.amazonaws.com\nx-amz-date:20260105T120000Z\nx-amz-security-token:${TOKEN}\n\nhost;x-amz-date;x-amz-security-token\n'`,
  ],
  ['stack trace', `InvalidSignatureException: key ${SECRET} does not match\n    at throwDefaultError (/ext/dist/aws-sdk.js:1:2)\n    at async Router.stream (/ext/dist/extension.js:3:4)`],
  [
    'SDK $response dump',
    inspect(
      {
        name: 'UnrecognizedClientException',
        $metadata: { httpStatusCode: 403, requestId: 'r-1' },
        $response: { statusCode: 403, headers: { 'x-amzn-errortype': 'UnrecognizedClientException' }, body: { message: `bad token ${TOKEN}` } },
        request: { headers: { authorization: sigv4, 'x-amz-security-token': TOKEN, 'x-amz-date': '20260105T120000Z' } },
      },
      { depth: 6, breakLength: 60 },
    ),
  ],
  ['INI / shared credentials dump', `[default]\naws_access_key_id = ${AKID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}`],
  ['environment dump', `AWS_SESSION_TOKEN=${TOKEN} AWS_SECRET_ACCESS_KEY=${SECRET} AWS_BEARER_TOKEN_BEDROCK=${KEY}`],
  ['curl command', `curl -H 'Authorization: Bearer ${KEY}' -H "X-Amz-Security-Token: ${TOKEN}" https://x`],
  ['OpenAI-style error', JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error' } })],
  ['Anthropic-style error', JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${KEY}` } })],
  ['bare value, no label', `Request failed for ${SECRET} (403)`],
  ['glued to other text', `id=x${SECRET}y;`],
  ['JSON array of values', JSON.stringify([SECRET, TOKEN, KEY])],
  ['proxy URL with credentials', `connect ECONNREFUSED through http://corp-user:${encodeURIComponent(SECRET)}@proxy.internal:3128`],
];

/** Every decoding an echo might need undone, applied in combination, to find a surviving marker. */
export function survivingMarkers(text: string, markers: string[] = MARKER_VALUES): string[] {
  const views = new Set<string>();
  const unwrapped = (s: string) => s.replace(/\\?\r?\n[ \t>|]*/g, '').replace(/\\{1,2}n[ \t]*/g, '');
  const pct = (s: string) => s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  const json = (s: string) => s.replace(/\\+u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\+([/"'+])/g, '$1');
  const html = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)));
  const add = (s: string) => {
    for (const t of [s, unwrapped(s)]) for (const u of [t, pct(t), pct(pct(t)), pct(t.replace(/\+/g, ' ')), json(t), html(t), json(pct(t))]) views.add(u);
  };
  add(text);
  for (const v of [...views]) {
    for (const run of v.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) {
      for (let skip = 0; skip < 4; skip++) views.add(Buffer.from(run.slice(skip).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'));
    }
  }
  const window = 16;
  return markers.filter((m) => {
    const pieces = m.length <= window ? [m] : Array.from({ length: m.length - window + 1 }, (_x, i) => m.slice(i, i + window));
    return [...views].some((v) => pieces.some((p) => v.includes(p)));
  });
}
