// What the chat sends to the webview and keeps in workspace storage passes through here: every
// error message and detail, and every router note (they quote the service, which may echo a
// credential), is redacted. Reply and prompt text are the user's and the model's words and are
// left alone; pattern rules would mangle code that merely mentions `apiKey: "…"`.
import { redact } from '../bedrock/errors/redact';
import type { HostToWebviewMessage, PersistedConversation, PersistedTurn, TurnStats, WireError } from '../../shared/protocol';

export function redactWireError(e: WireError): WireError {
  const out: WireError = { ...e, message: redact(e.message) };
  if (e.detail !== undefined) out.detail = redact(e.detail);
  return out;
}

function redactStats(s: TurnStats | undefined): TurnStats | undefined {
  return s?.routeNote === undefined ? s : { ...s, routeNote: redact(s.routeNote) };
}

export function redactTurn(t: PersistedTurn): PersistedTurn {
  if (!t.error && t.stats?.routeNote === undefined) return t;
  const out: PersistedTurn = { ...t };
  if (t.error) out.error = redactWireError(t.error);
  if (t.stats) out.stats = redactStats(t.stats);
  return out;
}

export function redactConversation(c: PersistedConversation): PersistedConversation {
  return Array.isArray(c.turns) ? { ...c, turns: c.turns.map(redactTurn) } : c;
}

/** The message as the webview may see it. */
export function redactHostMessage(m: HostToWebviewMessage): HostToWebviewMessage {
  switch (m.method) {
    case 'chat/error':
      return { ...m, error: redactWireError(m.error), ...(m.stats ? { stats: redactStats(m.stats) } : {}) };
    case 'chat/end':
      return { ...m, stats: redactStats(m.stats)! };
    case 'chat/route':
      return m.reason === undefined ? m : { ...m, reason: redact(m.reason) };
    case 'history/load':
      return { ...m, conversation: redactConversation(m.conversation) };
    default:
      return m;
  }
}
