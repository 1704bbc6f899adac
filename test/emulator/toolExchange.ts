// Tool conversations on every API path: what the history says (how many times the model already
// called tools, what the tools returned), the service's checks of tool blocks with its own error
// texts, and scripted agent scenarios (call A, then B and C in parallel, then answer quoting the
// results; malformed arguments; an unknown tool name).
import type { Conversation, PlannedToolCall } from './conversation';
import type { ScenarioToolCall } from './scenario';
import { textOf } from './conversation';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The wire shapes tool blocks come in. */
export type ToolFormat = 'converse' | 'anthropic' | 'chat' | 'responses';

export interface ToolHistory {
  /** Assistant messages that called tools since the user's last words: the model step a scripted agent is at. */
  toolRounds: number;
  /** What the tools returned since the user's last words, in order. */
  toolResults: string[];
  /** The user's last words (after a tool round the last user message holds only results): what a scripted agent's rule matches. */
  question: string;
}

/** A scripted agent: one entry per model step that calls tools, then the answer, which quotes every result. */
export interface AgentScript {
  steps: Array<{ text?: string; toolCalls: ScenarioToolCall[] }>;
  /** The final answer's first line (the results follow, one per line). */
  answer?: string;
}

const messagesOf = (body: Json): Json[] => (Array.isArray(body.messages) ? body.messages : []);
const blocks = (m: Json): Json[] => (Array.isArray(m?.content) ? m.content : []);

const lastText = (texts: string[]): string => [...texts].reverse().find((t) => t.trim()) ?? '';

export function toolHistory(format: ToolFormat, body: Json): ToolHistory {
  // A scripted agent starts over with each question: only what follows the user's last words counts.
  const since = <T>(items: T[], isQuestion: (item: T) => boolean): T[] => {
    let at = -1;
    items.forEach((item, i) => (isQuestion(item) ? (at = i) : undefined));
    return items.slice(at + 1);
  };
  switch (format) {
    case 'converse': {
      const words = (m: Json) => blocks(m).filter((b) => typeof b.text === 'string').map((b) => b.text).join('\n');
      const after = since(messagesOf(body), (m) => m.role === 'user' && !!words(m).trim());
      return {
        question: lastText(messagesOf(body).filter((m) => m.role === 'user').map(words)),
        toolRounds: after.filter((m) => m.role === 'assistant' && blocks(m).some((b) => b.toolUse)).length,
        toolResults: after.flatMap((m) => blocks(m).filter((b) => b.toolResult).map((b) => textOf(b.toolResult.content))),
      };
    }
    case 'anthropic': {
      const words = (m: Json) => (typeof m.content === 'string' ? m.content : blocks(m).filter((b) => b.type === 'text').map((b) => b.text).join('\n'));
      const after = since(messagesOf(body), (m) => m.role === 'user' && !!words(m).trim());
      return {
        question: lastText(messagesOf(body).filter((m) => m.role === 'user').map(words)),
        toolRounds: after.filter((m) => m.role === 'assistant' && blocks(m).some((b) => b.type === 'tool_use')).length,
        toolResults: after.flatMap((m) => blocks(m).filter((b) => b.type === 'tool_result').map((b) => textOf(b.content))),
      };
    }
    case 'chat': {
      const after = since(messagesOf(body), (m) => m.role === 'user');
      return {
        question: lastText(messagesOf(body).filter((m) => m.role === 'user').map((m) => textOf(m.content))),
        toolRounds: after.filter((m) => m.role === 'assistant' && Array.isArray(m.tool_calls) && m.tool_calls.length).length,
        toolResults: after.filter((m) => m.role === 'tool').map((m) => textOf(m.content)),
      };
    }
    case 'responses': {
      const items: Json[] = Array.isArray(body.input) ? body.input : typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : [];
      const after = since(items, (it) => it?.role === 'user');
      return {
        question: lastText(items.filter((it) => it?.role === 'user').map((it) => textOf(it.content))),
        toolRounds: after.filter((it, i) => it?.type === 'function_call' && after[i - 1]?.type !== 'function_call').length,
        toolResults: after.filter((it) => it?.type === 'function_call_output').map((it) => textOf(it.output)),
      };
    }
  }
}

/**
 * The service's answer to tool blocks that do not pair up, or to tools it refuses, as its error
 * text; undefined when the request is fine. `anthropicModel`: Claude validates the schemas.
 */
export function toolProblem(format: ToolFormat, body: Json, anthropicModel: boolean): string | undefined {
  switch (format) {
    case 'converse':
      return converseProblem(body, anthropicModel);
    case 'anthropic':
      return anthropicProblem(body);
    case 'chat':
      return chatProblem(body);
    case 'responses':
      return responsesProblem(body);
  }
}

const TOP_LEVEL_UNION = 'input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level';
const hasTopLevelUnion = (schema: unknown): boolean => !!schema && typeof schema === 'object' && ['oneOf', 'anyOf', 'allOf'].some((k) => k in (schema as Json));

function converseProblem(body: Json, anthropicModel: boolean): string | undefined {
  const messages = messagesOf(body);
  const carries = messages.some((m) => blocks(m).some((b) => b.toolUse || b.toolResult));
  const tools: Json[] = Array.isArray(body.toolConfig?.tools) ? body.toolConfig.tools : [];
  if (carries && !tools.length) return 'The toolConfig field must be defined when using toolUse and toolResult content blocks.';
  if (anthropicModel) {
    const i = tools.findIndex((t) => hasTopLevelUnion(t.toolSpec?.inputSchema?.json));
    if (i >= 0) return `The model returned the following errors: tools.${i}.custom.${TOP_LEVEL_UNION}`;
  }
  for (let i = 0; i < messages.length; i++) {
    const uses = blocks(messages[i]).filter((b) => b.toolUse).map((b) => String(b.toolUse.toolUseId));
    const next = messages[i + 1];
    const results = blocks(next).filter((b) => b.toolResult);
    if (uses.length) {
      const answered = new Set(results.map((b) => String(b.toolResult.toolUseId)));
      const missing = uses.filter((id) => !answered.has(id));
      if (next && missing.length) return `Expected toolResult blocks at messages.${i + 1}.content for the following Ids: ${missing.join(', ')}`;
    }
    if (results.length > uses.length) return `The number of toolResult blocks at messages.${i + 1}.content exceeds the number of toolUse blocks of previous turn.`;
    for (const [j, b] of blocks(messages[i]).entries()) {
      if (b.toolResult?.status === 'error' && !textOf(b.toolResult.content)) return `The content field at messages.${i}.content.${j}.toolResult cannot be empty when status value is error.`;
    }
  }
  return undefined;
}

function anthropicProblem(body: Json): string | undefined {
  const messages = messagesOf(body);
  const tools: Json[] = Array.isArray(body.tools) ? body.tools : [];
  const carries = messages.some((m) => blocks(m).some((b) => b.type === 'tool_use' || b.type === 'tool_result'));
  if (carries && !tools.length) return 'Requests which include `tool_use` or `tool_result` blocks must define tools.';
  const i = tools.findIndex((t) => hasTopLevelUnion(t.input_schema));
  if (i >= 0) return `tools.${i}.custom.${TOP_LEVEL_UNION}`;
  for (let m = 0; m < messages.length; m++) {
    const uses = blocks(messages[m]).filter((b) => b.type === 'tool_use').map((b) => String(b.id));
    const results = blocks(messages[m + 1]).filter((b) => b.type === 'tool_result').map((b) => String(b.tool_use_id));
    const missing = uses.filter((id) => !results.includes(id));
    if (messages[m + 1] && missing.length) {
      return `messages.${m + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
    const stray = results.filter((id) => !uses.includes(id));
    if (stray.length) return `messages.${m + 1}.content.0: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray[0]}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
  }
  return undefined;
}

function chatProblem(body: Json): string | undefined {
  const messages = messagesOf(body);
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (m.role === 'tool') {
      const prev = [...messages.slice(0, i)].reverse().find((x) => x.role !== 'tool');
      const ids = (prev?.tool_calls ?? []).map((c: Json) => String(c.id));
      if (!ids.includes(String(m.tool_call_id))) return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
    }
    if (m.role === 'assistant' && Array.isArray(m.tool_calls) && m.tool_calls.length) {
      const answered = new Set<string>();
      for (let j = i + 1; j < messages.length && messages[j].role === 'tool'; j++) answered.add(String(messages[j].tool_call_id));
      const missing = m.tool_calls.map((c: Json) => String(c.id)).filter((id: string) => !answered.has(id));
      if (missing.length) return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`;
    }
  }
  return undefined;
}

function responsesProblem(body: Json): string | undefined {
  const items: Json[] = Array.isArray(body.input) ? body.input : [];
  const calls = new Set(items.filter((it) => it?.type === 'function_call').map((it) => String(it.call_id)));
  const outputs = new Set(items.filter((it) => it?.type === 'function_call_output').map((it) => String(it.call_id)));
  for (const id of calls) if (!outputs.has(id)) return `No tool output found for function call ${id}.`;
  for (const id of outputs) if (!calls.has(id)) return `No tool call found for function call output with call_id ${id}.`;
  return undefined;
}

/**
 * The scripted agent's reply at this point of the conversation: the next step's calls, or the
 * answer quoting every tool result once the steps are used up.
 */
export function agentStep(script: AgentScript, conv: Conversation, newId: () => string): { text: string; toolCalls: PlannedToolCall[] } {
  const round = conv.toolRounds ?? 0;
  const step = script.steps[round];
  if (step) {
    return { text: step.text ?? '', toolCalls: step.toolCalls.map((t) => ({ id: t.id ?? newId(), name: t.name, input: t.input, ...(t.rawArguments !== undefined ? { rawArguments: t.rawArguments } : {}) })) };
  }
  const results = conv.toolResults ?? [];
  return { text: [script.answer ?? 'Here is what the tools returned:', ...results.map((r) => `- ${r}`)].join('\n'), toolCalls: [] };
}
