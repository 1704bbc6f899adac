// What the status bar item and its menu say about the connection: region, credentials, endpoints
// that point away from AWS's public hosts, and which endpoint failed last. Pure, so it is unit tested.
import type { EndpointId } from '../catalog/apiId';
import { credentialSourceLabel, type ConnectionInfo } from './connectionSettings';
import { endpointOverrides, overrideLines, overrideSummary } from './endpointOverrides';

/** The last failure seen on one endpoint (cleared when it answers again). */
export interface EndpointFailure {
  endpoint: EndpointId;
  /** What was being done, e.g. "listing models". */
  doing: string;
  message: string;
}

export interface ConnectionSummary {
  /** The status bar text, codicons included. */
  text: string;
  /** Markdown lines for the hover. */
  tooltip: string[];
  /** Some endpoint failed: the item takes the warning colour. */
  warning: boolean;
  /** "local emulator", "VPC endpoint" …, or '' when every endpoint is AWS's public one. */
  endpoints: string;
}

export function failureLine(f: EndpointFailure, info: Pick<ConnectionInfo, 'endpoints'>): string {
  return `${f.endpoint} endpoint (${info.endpoints[f.endpoint]}) failed ${f.doing}: ${f.message}`;
}

export function connectionSummary(info: ConnectionInfo, failures: readonly EndpointFailure[]): ConnectionSummary {
  const source = credentialSourceLabel(info);
  const overrides = endpointOverrides(info);
  const endpoints = overrideSummary(overrides);
  const failed = failures.map((f) => f.endpoint);
  const icon = failures.length ? '$(cloud-offline)' : '$(cloud)';
  const text = [`${icon} ${info.region}`, source, endpoints, failed.length ? `${failed.join(', ')} failed` : ''].filter(Boolean).join(' · ');
  const tooltip = [
    '**Bedrock Workbench**',
    '',
    `Region: \`${info.region}\` (from ${info.regionSource})`,
    `Credentials: ${source}`,
    info.proxy ? 'Proxy: configured' : '',
    ...(overrides.length ? ['', 'Endpoints overridden in settings:', ...overrideLines(overrides).map((l) => `- ${l}`)] : []),
    ...(failures.length ? ['', ...failures.map((f) => `$(error) ${failureLine(f, info)}`)] : []),
    '',
    'Click to change region, AWS profile, API key or endpoints.',
  ];
  return { text, tooltip: tooltip.filter((l, i, a) => l || a[i - 1]), warning: failures.length > 0, endpoints };
}
