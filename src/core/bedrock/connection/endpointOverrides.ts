// Which endpoints the settings point away from AWS's public hosts, in words for the status bar:
// the local emulator, an interface VPC endpoint, or some other host.
import type { EndpointId } from '../catalog/apiId';
import type { ConnectionInfo } from './connectionSettings';
import { displayUrl, isLoopbackHost } from './endpointPolicy';

export type OverrideKind = 'local' | 'vpc' | 'custom';

export interface EndpointOverride {
  endpoint: EndpointId;
  /** Safe to show (user info blanked). */
  url: string;
  kind: OverrideKind;
}

const ENDPOINTS: readonly EndpointId[] = ['control', 'runtime', 'mantle'];

/** The public host each endpoint has when no setting overrides it. */
export function publicEndpoint(endpoint: EndpointId, region: string): string {
  if (endpoint === 'control') return `https://bedrock.${region}.amazonaws.com`;
  if (endpoint === 'runtime') return `https://bedrock-runtime.${region}.amazonaws.com`;
  return `https://bedrock-mantle.${region}.api.aws`;
}

function kindOf(url: string): OverrideKind {
  try {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    if (isLoopbackHost(host)) return 'local';
    if (/\.vpce\.amazonaws\.com\.?$/.test(host)) return 'vpc';
  } catch {
    // Not a URL: the settings reader already warned; it is still not AWS's public host.
  }
  return 'custom';
}

export function endpointOverrides(info: Pick<ConnectionInfo, 'region' | 'endpoints'>): EndpointOverride[] {
  return ENDPOINTS.filter((e) => info.endpoints[e] !== publicEndpoint(e, info.region)).map((e) => ({
    endpoint: e,
    url: displayUrl(info.endpoints[e]),
    kind: kindOf(info.endpoints[e]),
  }));
}

const KIND_WORD: Record<OverrideKind, string> = { local: 'local emulator', vpc: 'VPC endpoint', custom: 'custom endpoint' };

/** "local emulator", "VPC endpoint", "custom endpoints" …: a few words for the status bar, '' when none. */
export function overrideSummary(overrides: readonly EndpointOverride[]): string {
  if (overrides.length === 0) return '';
  const kinds = [...new Set(overrides.map((o) => o.kind))];
  if (kinds.length > 1) return 'custom endpoints';
  return KIND_WORD[kinds[0]] + (overrides.length > 1 && kinds[0] !== 'local' ? 's' : '');
}

/** One line per overridden endpoint: "runtime → http://127.0.0.1:4000 (local emulator)". */
export function overrideLines(overrides: readonly EndpointOverride[]): string[] {
  return overrides.map((o) => `${o.endpoint} → ${o.url} (${KIND_WORD[o.kind]})`);
}

/** Whether any endpoint setting points away from AWS's public hosts (network failures then point at it). */
export function hasEndpointOverride(info: Pick<ConnectionInfo, 'region' | 'endpoints'>): boolean {
  return endpointOverrides(info).length > 0;
}
