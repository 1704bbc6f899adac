// Request rewrites the router applies for a route: fold the system prompt into the first user turn,
// clamp max tokens to a learned limit, drop unsigned reasoning from history (replayed unsigned
// reasoning leaks tags into the next answer; signed/redacted blocks must go back unchanged).
import type { ChatEvent } from '../adapters/chatEvent';
import type { ChatMessage, ChatRequest, ContentPart } from '../adapters/chatRequest';
import { INLINE_REASONING_TAGS, TagSplitter } from '../adapters/tagSplitter';

export function foldSystemPrompt(req: ChatRequest): ChatRequest {
  if (!req.system) return req;
  const messages = req.messages.slice();
  const i = messages.findIndex((m) => m.role === 'user');
  const prefix: ContentPart = { type: 'text', text: `${req.system}\n\n` };
  if (i < 0) messages.unshift({ role: 'user', content: [prefix] });
  else {
    const first = messages[i].content[0];
    const content: ContentPart[] =
      first?.type === 'text' ? [{ type: 'text', text: `${req.system}\n\n${first.text}` }, ...messages[i].content.slice(1)] : [prefix, ...messages[i].content];
    messages[i] = { ...messages[i], content };
  }
  return { ...req, system: undefined, messages };
}

export function clampMaxTokens(req: ChatRequest, limit: number | undefined): ChatRequest {
  if (!limit || (req.maxTokens !== undefined && req.maxTokens <= limit)) return req;
  return { ...req, maxTokens: limit };
}

export function replayableHistory(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m) => {
    let content = m.content;
    if (content.some((p) => p.type === 'reasoning' && !p.signature && !p.redacted)) content = content.filter((p) => p.type !== 'reasoning' || !!p.signature || !!p.redacted);
    // A reply stored before its inline reasoning was split out still starts with the tags.
    if (m.role === 'assistant' && content.some((p) => p.type === 'text' && LEADING_TAG.test(p.text))) {
      content = content.map((p) => (p.type === 'text' && LEADING_TAG.test(p.text) ? { ...p, text: withoutInlineReasoning(p.text) } : p));
    }
    return content === m.content ? m : { ...m, content };
  });
}

const LEADING_TAG = /^\s*<(reasoning|think)>/;

function withoutInlineReasoning(text: string): string {
  const out: ChatEvent[] = [];
  const splitter = new TagSplitter(INLINE_REASONING_TAGS);
  splitter.push(text, out);
  splitter.flush(out);
  return out.map((e) => (e.type === 'text' ? e.text : '')).join('');
}

/** Plain text of a message, for prompt-style bodies (Llama, Titan, Mistral text, DeepSeek). */
export function textOf(m: ChatMessage): string {
  let s = '';
  for (const p of m.content) {
    if (p.type === 'text') s += p.text;
    else if (p.type === 'toolResult') s += p.content;
  }
  return s;
}
