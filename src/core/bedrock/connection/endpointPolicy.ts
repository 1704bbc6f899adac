// Where credentials may go. A bearer token or a SigV4 signature is handed only to Amazon Bedrock's
// own hosts for the configured region (and, for async job outputs, Amazon S3's), to this machine
// (loopback), or to an origin the user chose to trust. Hosts are compared exactly, after the WHATWG URL parser has normalised them — the parser
// node:http and the AWS SDK use to decide where to connect — so upper case, IDN, percent-escapes,
// numeric IP spellings, backslashes and `user@` prefixes all resolve to the host that would really
// be contacted before it is judged.

/** The verdict on one URL. `origin` (scheme, host, port) is the unit the user trusts. */
export type EndpointVerdict =
  | { allowed: true; origin: string; because: 'aws' | 'loopback' }
  /** Well-formed, but not a host we know: the user may trust it. */
  | { allowed: false; confirmable: true; origin: string; host: string; cleartext: boolean; reason: string }
  /** Never sent anywhere, trusted or not. */
  | { allowed: false; confirmable: false; reason: string };

// Region names are lower-case words joined by dashes; anything else (a dot, a slash, `#`) could
// splice another domain into the patterns below, so such a region matches no AWS host at all.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const SERVICE_LABEL = 'bedrock[a-z0-9-]*';

/** Which AWS service a request is for: each is judged against its own hosts. */
export type AwsService = 'bedrock' | 's3';

// S3 is addressed virtual-hosted (`bucket.s3.region…`) or path-style (`s3.region…`), with optional
// FIPS and dual-stack labels; us-east-1 also answers on the global `s3.amazonaws.com`.
const S3_LABELS = '([a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\.)?s3(-fips)?(\\.dualstack)?';

function s3HostPatterns(region: string): RegExp[] {
  if (!REGION.test(region)) return [];
  const r = region.replace(/-/g, '\\-');
  const patterns = [`${S3_LABELS}\\.${r}\\.amazonaws\\.com`, `bucket\\.vpce-[a-z0-9-]+\\.s3\\.${r}\\.vpce\\.amazonaws\\.com`];
  if (region === 'us-east-1') patterns.push(`([a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\.)?s3\\.amazonaws\\.com`);
  if (region.startsWith('cn-')) patterns.push(`${S3_LABELS}\\.${r}\\.amazonaws\\.com\\.cn`);
  return patterns.map((p) => new RegExp(`^${p}$`));
}

function awsHostPatterns(region: string, service: AwsService = 'bedrock'): RegExp[] {
  if (service === 's3') return s3HostPatterns(region);
  if (!REGION.test(region)) return [];
  const r = region.replace(/-/g, '\\-');
  const patterns = [
    `${SERVICE_LABEL}\\.${r}\\.amazonaws\\.com`,
    // api.aws is AWS's dual-stack domain; bedrock-mantle lives there.
    `${SERVICE_LABEL}\\.${r}\\.api\\.aws`,
    // Interface VPC endpoints: vpce-<id>[-<zone>].<service>.<region>.vpce.amazonaws.com.
    `vpce-[a-z0-9-]+\\.${SERVICE_LABEL}\\.${r}\\.vpce\\.amazonaws\\.com`,
  ];
  // The China partition is where the AWS SDK's own endpoint resolver sends a cn-* region.
  if (region.startsWith('cn-')) patterns.push(`${SERVICE_LABEL}\\.${r}\\.amazonaws\\.com\\.cn`);
  return patterns.map((p) => new RegExp(`^${p}$`));
}

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped 127.x) and `localhost`: this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/** The hostname as compared: no IPv6 brackets, no single trailing root dot (same DNS name). */
function bareHost(u: URL): string {
  return u.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** The URL with any user info blanked, safe to show in a message or log. */
export function displayUrl(raw: string): string {
  let shown = raw;
  try {
    const u = new URL(raw);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    shown = u.href;
  } catch {
    shown = raw.replace(/\/\/[^/@]*@/, '//***@');
  }
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

export function judgeEndpoint(raw: string, region: string, service: AwsService = 'bedrock'): EndpointVerdict {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { allowed: false, confirmable: false, reason: 'it is not a URL' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { allowed: false, confirmable: false, reason: `only http and https are used, not ${u.protocol.replace(/:$/, '')}` };
  }
  // Bedrock never takes credentials in the URL; a `name@` prefix is how a foreign host is disguised
  // as a familiar one (https://bedrock.us-east-1.amazonaws.com@example.com).
  if (u.username || u.password) return { allowed: false, confirmable: false, reason: 'it carries a user name before the host (`…@host`)' };
  const host = bareHost(u);
  if (isLoopbackHost(host)) return { allowed: true, origin: u.origin, because: 'loopback' };
  const https = u.protocol === 'https:';
  // AWS serves these hosts on 443 only; another port or plain HTTP is not the service we know.
  const isAwsName = awsHostPatterns(region, service).some((p) => p.test(host));
  if (https && u.port === '' && isAwsName) return { allowed: true, origin: u.origin, because: 'aws' };
  const name = service === 's3' ? 'Amazon S3' : 'Amazon Bedrock';
  const reason = isAwsName ? `an ${name} host is only reached over https on the default port` : `it is neither an ${name} host of ${region} nor this machine`;
  return { allowed: false, confirmable: true, origin: u.origin, host, cleartext: !https, reason };
}

export interface TrustChoices {
  /** Configured endpoints outside the policy that are not trusted yet. */
  trust: { origin: string; setting: string; cleartext: boolean }[];
  /** Trusted origins, with the settings that currently point at each. */
  revoke: { origin: string; usedBy: string[] }[];
}

/** What "Trusted Endpoints…" offers for the configured endpoints and the remembered origins. */
export function trustChoices(endpoints: Record<string, string>, region: string, trusted: readonly string[]): TrustChoices {
  const trust: TrustChoices['trust'] = [];
  const usedBy = new Map<string, string[]>();
  for (const [name, url] of Object.entries(endpoints)) {
    const v = judgeEndpoint(url, region, name === 's3' ? 's3' : 'bedrock');
    if (v.allowed || !v.confirmable) continue;
    const setting = `bedrock.endpoints.${name}`;
    usedBy.set(v.origin, [...(usedBy.get(v.origin) ?? []), setting]);
    if (!trusted.includes(v.origin) && !trust.some((t) => t.origin === v.origin)) trust.push({ origin: v.origin, setting, cleartext: v.cleartext });
  }
  return { trust, revoke: trusted.map((origin) => ({ origin, usedBy: usedBy.get(origin) ?? [] })) };
}
