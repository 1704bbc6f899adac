// What every InvokeModel codec is, and the small event helpers they share. A codec builds its
// family's native request body and maps the native response or stream chunks to unified events.
import type { ChatEvent } from '../chatEvent';
import type { ChatMessage, ChatRequest } from '../chatRequest';
import { replayableHistory, textOf } from '../../routing/requestShaping';
import { normalizeStopReason } from '../stopReason';
import type { WireJson } from '../../wireJson';

export interface InvokeCodec {
  body(req: ChatRequest, stream: boolean): WireJson;
  response(json: WireJson, out: ChatEvent[]): void;
  /** A fresh per-stream chunk mapper. */
  chunks(): { chunk(json: WireJson, out: ChatEvent[]): void; end?(out: ChatEvent[]): void };
}

/** Output tokens asked for when the request sets none. */
export const DEFAULT_MAX = 4096;
export const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');
export const stop = (raw: string | null | undefined, out: ChatEvent[]) => {
  if (raw) out.push({ type: 'stop', reason: normalizeStopReason(raw), raw });
};
export const usage = (out: ChatEvent[], input?: number, output?: number) => {
  if (input !== undefined || output !== undefined) out.push({ type: 'usage', inputTokens: input ?? undefined, outputTokens: output ?? undefined });
};
export const text = (s: unknown, out: ChatEvent[]) => {
  if (typeof s === 'string' && s) out.push({ type: 'text', text: s });
};
export const turns = (req: ChatRequest): ChatMessage[] => replayableHistory(req.messages);

/** OpenAI-style role/content messages (Mistral chat, Jamba, gpt-oss). */
export function openAiMessages(req: ChatRequest, systemRole: 'system' | 'developer' = 'system'): WireJson[] {
  const msgs: WireJson[] = [];
  if (req.system) msgs.push({ role: systemRole, content: req.system });
  for (const m of replayableHistory(req.messages)) msgs.push({ role: m.role, content: textOf(m) });
  return msgs;
}

/** Temperature, top-p and stop sequences under their OpenAI-style names, when set. */
export const sampling = (req: ChatRequest): WireJson => ({
  ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
  ...(req.topP !== undefined ? { top_p: req.topP } : {}),
  ...(req.stopSequences?.length ? { stop: req.stopSequences } : {}),
});
