// bedrock-mantle's own model list (`GET /v1/models`, OpenAI's list shape). Mantle names models
// by in-Region ids without a version suffix and serves some models no other host lists.
import type { BedrockConnection } from '../connection/connection';
import { httpRequest, readText, statusError } from '../connection/httpTransport';
import { BEDROCK_REGIONS } from '../connection/regions';
import type { ConnectionInfo } from '../connection/connectionSettings';

export interface MantleModelInfo {
  id: string;
  /** OpenAI's `owned_by`: the provider, lower-case, when mantle says. */
  ownedBy?: string;
}

/** Whether to call bedrock-mantle at all: the region serves it (unknown regions get the benefit of the doubt). */
export function mantleAvailable(info: ConnectionInfo): boolean {
  const r = BEDROCK_REGIONS.find((x) => x.id === info.region);
  return !!info.endpoints.mantle && (r?.mantle ?? true);
}

const MAX_ID = 256;

/** The list's entries that are usable: string ids of sane length, each once. Anything else is dropped. */
export function parseMantleModels(body: unknown): MantleModelInfo[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error('bedrock-mantle answered GET /v1/models without a `data` list');
  const seen = new Set<string>();
  const out: MantleModelInfo[] = [];
  for (const m of data) {
    const id = (m as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id || id.length > MAX_ID || seen.has(id)) continue;
    seen.add(id);
    const owned = (m as { owned_by?: unknown }).owned_by;
    out.push(typeof owned === 'string' && owned.length <= MAX_ID ? { id, ownedBy: owned } : { id });
  }
  return out;
}

export async function listMantleModels(connection: BedrockConnection, signal?: AbortSignal): Promise<MantleModelInfo[]> {
  const url = `${connection.info.endpoints.mantle}/v1/models`;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': connection.userAgent };
  const auth = await connection.authHeaders('mantle', { method: 'GET', url, headers, body: '' });
  const agent = await connection.httpAgent(url);
  const res = await httpRequest({ method: 'GET', url, headers: { ...headers, ...auth }, agent, signal });
  if (res.status < 200 || res.status >= 300) throw await statusError(res);
  return parseMantleModels(JSON.parse(await readText(res.body)));
}
