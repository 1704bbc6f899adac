// Every form a user may pick a model by: bare id, profile id, and each ARN form the runtime accepts. Pure parsing; which
// profile a model needs always comes from the service, never from the region name.

export type ModelRefKind =
  | 'model'
  | 'systemProfile'
  | 'applicationProfile'
  | 'customModel'
  | 'provisionedModel'
  | 'otherArn';

export interface ModelRef {
  kind: ModelRefKind;
  /** Bare id (model id, profile id) or, for application profiles and other ARNs, the whole ARN. */
  id: string;
  raw: string;
  region?: string;
  account?: string;
}

const ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*):(\d*):([a-z-]+)\/(.+)$/;

// System profile ids are `<geo>.<provider>.<model>`; a bare model id is `<provider>.<model>`.
// The geo segment is one of a small evolving set, so anything before a second dot that is not a
// known provider counts as a prefix. Only used to tell the two apart; never to build a prefix.
const PROFILE_PREFIX = /^(us|eu|apac|us-gov|global|jp|au|ca|[a-z]{2,4}(-[a-z]+)?)\.(?=[a-z0-9-]+\.)/;
const KNOWN_PROVIDERS = new Set([
  'amazon', 'anthropic', 'ai21', 'cohere', 'deepseek', 'google', 'meta', 'minimax', 'mistral', 'moonshot',
  'moonshotai', 'nvidia', 'openai', 'qwen', 'stability', 'twelvelabs', 'writer', 'xai', 'zai', 'luma', 'tii',
]);

export function parseModelRef(raw: string): ModelRef {
  const s = raw.trim();
  const m = ARN.exec(s);
  if (m) {
    const [, region, account, type, rest] = m;
    const base = { raw: s, region: region || undefined, account: account || undefined };
    switch (type) {
      case 'foundation-model':
        return { kind: 'model', id: rest, ...base };
      case 'inference-profile':
        return { kind: 'systemProfile', id: rest, ...base };
      case 'application-inference-profile':
        return { kind: 'applicationProfile', id: s, ...base };
      case 'custom-model':
      case 'custom-model-deployment':
      case 'imported-model':
        return { kind: 'customModel', id: s, ...base };
      case 'provisioned-model':
        return { kind: 'provisionedModel', id: s, ...base };
      default:
        return { kind: 'otherArn', id: s, ...base };
    }
  }
  return { kind: profilePrefix(s) ? 'systemProfile' : 'model', id: s, raw: s };
}

/** The geo prefix of a system profile id (`us`, `global`, …), or undefined for a bare model id. */
export function profilePrefix(id: string): string | undefined {
  const m = PROFILE_PREFIX.exec(id);
  if (!m) return undefined;
  return KNOWN_PROVIDERS.has(m[1]) ? undefined : m[1];
}

/** The model id inside a system profile id (`us.anthropic.x` → `anthropic.x`); unchanged otherwise. */
export function stripProfilePrefix(id: string): string {
  const p = profilePrefix(id);
  return p ? id.slice(p.length + 1) : id;
}

/** Model id from a foundation-model ARN (`…::foundation-model/ID`), else the input. */
export function modelIdFromArn(arn: string): string {
  const i = arn.indexOf(':foundation-model/');
  return i >= 0 ? arn.slice(i + ':foundation-model/'.length) : arn;
}

export function regionFromArn(arn: string): string | undefined {
  return ARN.exec(arn)?.[1] || undefined;
}
