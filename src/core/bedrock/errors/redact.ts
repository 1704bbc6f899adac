// Nothing secret may reach a log, the stored history, the webview or a notification. Two layers:
// the live credential values the connection registered (masked in any encoding, see
// secretRedactor.ts) and pattern rules for secrets we were never told about (a key from another
// profile, a token echoed in a shape we know: header dumps, prose, XML, query strings).
import { REDACTED, SecretRedactor } from './secretRedactor';

export { REDACTED } from './secretRedactor';

/** Names under which services and SDKs echo credentials (headers, JSON fields, config keys). */
const SECRET_KEY_NAMES = [
  'x-amz-security-token', 'x-amz-signature', 'x-amz-credential', 'x-api-key', 'authorization', 'proxy-authorization',
  'aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'aws_access_key_id', 'aws_bearer_token_bedrock',
  'secret[_-]?access[_-]?key', 'secret[_-]?key', 'session[_-]?token', 'security[_-]?token', 'access[_-]?key[_-]?id',
  'api[_-]?key', 'bearer[_-]?token', 'token', 'signature', 'password', 'credential',
].join('|');
const KEY = `(?<![\\w-])(?:${SECRET_KEY_NAMES})`;

type Rule = [RegExp, string | ((...m: string[]) => string)];

const RULES: Rule[] = [
  // Header dicts and JSON: 'x-amz-security-token': '…', "sessionToken":"…", JSON inside a JSON string (\"…\").
  [new RegExp(`(${KEY}\\\\?["']?\\s*[:=]\\s*)\\\\"(?:[^"\\\\]|\\\\(?!"))*\\\\"`, 'gi'), `$1\\"${REDACTED}\\"`],
  [new RegExp(`(${KEY}["']?\\s*[:=]\\s*)"(?:[^"\\\\\\n]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  [new RegExp(`(${KEY}["']?\\s*[:=]\\s*)'(?:[^'\\\\\\n]|\\\\.)*'`, 'gi'), `$1'${REDACTED}'`],
  // Header lines and config files: `Authorization: AWS4-HMAC-SHA256 Credential=…` keeps nothing after the name.
  [/((?<![\w-])(?:proxy-)?authorization\s*[:=]\s*)(?!["'\\])[^\r\n"'}]+/gi, `$1${REDACTED}`],
  [new RegExp(`(${KEY}\\s*[:=]\\s*)(?!["'\\\\\\s])[^\\s,;&'"}<)\\]]+`, 'gi'), `$1${REDACTED}`],
  // Query strings, plain and URL-encoded: X-Amz-Security-Token=…, X-Amz-Signature%3D…
  [/((?:X-Amz-(?:Security-Token|Signature|Credential)|Signature|Credential)(?:=|%3D|%253D))[^&\s,"'<]+/gi, `$1${REDACTED}`],
  // Credentials in a URL (a proxy URL from settings or the environment): scheme://user:password@host.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@'"]+:)[^@\s/'"]+@/gi, `$1${REDACTED}@`],
  // Bearer and Basic schemes, also URL-encoded (Bearer%20…, Bearer+…).
  [/(\bBearer(?:\s+|%20|%2520|\+))[A-Za-z0-9._~+/=%-]+/gi, `$1${REDACTED}`],
  [/(\bBasic\s+)[A-Za-z0-9+/=]{8,}/g, `$1${REDACTED}`],
  // XML: <Token>…</Token>, <SecretAccessKey>…</SecretAccessKey>, <X-Amz-Security-Token>…
  [
    /<((?:[\w-]+:)?[\w-]*(?:Token|Secret[\w-]*|Key|KeyId|Signature|Authorization|Password|Credential))(\s[^>]*)?>[^<]+<\/\1>/gi,
    (_m, tag, attrs) => `<${tag}${attrs ?? ''}>${REDACTED}</${tag}>`,
  ],
  // Prose: "The security token 'IQoJ…' is expired", "session token IQoJ… is invalid".
  [
    /(\b(?:security|session|bearer|access|api|secret)[ _-]?(?:token|key)(?:[ _-]?id)?\s+(?:(?:is|was|of|value)\s+)?)(['"`‘“]?)(?=[\w+/=.~%-]*[0-9+/=%])[\w+/=.~%-]{16,}/gi,
    `$1$2${REDACTED}`,
  ],
  // Shapes that are secrets wherever they stand: Bedrock API keys, access key ids, STS session tokens.
  [/\bABSK[A-Za-z0-9+/=]{8,}/g, REDACTED],
  [/\bbedrock-api-key-[A-Za-z0-9+/=%]+/g, REDACTED],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}/g, REDACTED],
  [/\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/=%_-]*/g, REDACTED],
];

/**
 * Every rule above needs one of these words in the text (a key name, a scheme, a known prefix, or
 * the `@` of URL credentials). Most log lines have none, and skipping the rules for them keeps the
 * rules' one-time compilation (a few milliseconds) out of activation; a unit test holds the list
 * to the rules.
 */
const RULE_TRIGGER = /token|key|secret|signature|credential|authorization|password|bearer|basic|absk|akia|asia|iqoj|fwog|fqog|@/i;

/** Pattern rules only: catches secrets in shapes we recognise, whatever their value. */
export function redactByPattern(text: string): string {
  return RULE_TRIGGER.test(text) ? applyRules(text) : text;
}

/** Every rule, with no trigger check: exported so a test can hold RULE_TRIGGER to the rules. */
export function applyRules(text: string): string {
  let s = text;
  for (const [re, replacement] of RULES) s = s.replace(re, replacement as string);
  return s;
}

/**
 * The process's one set of live secret values. The connection adds every credential it resolves
 * or is given; every exit (log, history, webview, notifications) masks through `redact`.
 */
export const secretRedactor = new SecretRedactor();

/** Masks the live secret values (any encoding) and everything the pattern rules recognise. */
export function redact(text: string): string {
  return redactByPattern(secretRedactor.redact(text));
}

/** A copy of `value` with every string in it (object keys aside) redacted. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}
