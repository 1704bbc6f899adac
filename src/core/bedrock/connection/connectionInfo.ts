// Where a connection goes and how it authenticates, from its settings and the environment: the
// region (setting, environment, profile, then us-east-1), the three endpoints, the credential
// source and the proxy. Pure, so the status bar and tests read it without building a client.
import type { ConnectionInfo, ConnectionSettings } from './connectionSettings';
import { profileRegion } from './sharedConfig';

type Env = Record<string, string | undefined>;

export const BEARER_ENV = 'AWS_BEARER_TOKEN_BEDROCK';

export function resolveRegion(s: ConnectionSettings, env: Env): Pick<ConnectionInfo, 'region' | 'regionSource'> {
  if (s.region) return { region: s.region, regionSource: 'setting' };
  const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (fromEnv) return { region: fromEnv, regionSource: 'environment' };
  const fromProfile = profileRegion(s.profile, env);
  if (fromProfile) return { region: fromProfile, regionSource: 'profile' };
  return { region: 'us-east-1', regionSource: 'default' };
}

export function resolveInfo(s: ConnectionSettings, env: Env): ConnectionInfo {
  const { region, regionSource } = resolveRegion(s, env);
  const trim = (u: string) => u.replace(/\/+$/, '');
  return {
    region,
    regionSource,
    auth: s.apiKey ? 'apiKey' : env[BEARER_ENV] ? 'apiKeyEnv' : 'sigv4',
    profile: s.profile || env.AWS_PROFILE || undefined,
    endpoints: {
      control: trim(s.endpoints?.control || `https://bedrock.${region}.amazonaws.com`),
      runtime: trim(s.endpoints?.runtime || `https://bedrock-runtime.${region}.amazonaws.com`),
      mantle: trim(s.endpoints?.mantle || `https://bedrock-mantle.${region}.api.aws`),
      s3: trim(s.endpoints?.s3 || `https://s3.${region}.amazonaws.com`),
    },
    proxy: s.proxy || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || undefined,
  };
}

export function proxyPassword(proxy: string | undefined): string | undefined {
  try {
    return proxy ? decodeURIComponent(new URL(proxy).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}
