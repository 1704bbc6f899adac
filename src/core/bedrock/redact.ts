// Nothing secret may reach a log or an error shown to the user: bearer keys, API keys, access keys,
// session tokens and signatures are masked wherever they appear in text.

const PATTERNS: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /\bABSK[A-Za-z0-9+/=]{8,}/g,
  /\bbedrock-api-key-[A-Za-z0-9+/=]+/g,
  /\b(AKIA|ASIA)[A-Z0-9]{12,}/g,
  /(X-Amz-Security-Token=|X-Amz-Signature=|Signature=)[^&\s,]+/gi,
  /("?(?:secretAccessKey|sessionToken|aws_secret_access_key|aws_session_token|apiKey|token)"?\s*[:=]\s*"?)[^"\s,}]+/gi,
];

export function redact(text: string): string {
  let s = text;
  for (const re of PATTERNS) s = s.replace(re, (m, p1: string | undefined) => (typeof p1 === 'string' && m.startsWith(p1) ? `${p1}***` : '***'));
  return s;
}
