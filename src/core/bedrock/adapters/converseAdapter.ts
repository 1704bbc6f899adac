// Converse and ConverseStream through the SDK: the unified API and the first choice for any model
// whose capabilities we don't know.
import type { ContentBlock, ConverseRequest, ConverseResponse, ConverseStreamOutput, Message, SystemContentBlock, Tool } from '@aws-sdk/client-bedrock-runtime';
import type { AdapterCall, AdapterContext, ChatAdapter } from './chatAdapter';
import { isStreamingStep } from './chatAdapter';
import type { ChatEvent } from './chatEvent';
import type { ChatRequest, ContentPart } from './chatRequest';
import { loadAwsSdk } from '../connection/loadAwsSdk';
import { documentName } from './mediaFormats';
import { replayableHistory } from '../routing/requestShaping';
import type { RouteStep } from '../routing/routePlan';
import { anthropicEffort, anthropicThinking, novaReasoningConfig, openaiEffort, thinkingDropsSampling } from './reasoningFields';
import { normalizeStopReason } from './stopReason';
import { declaredTools } from './historyTools';

function block(p: ContentPart): ContentBlock {
  switch (p.type) {
    case 'text':
      return { text: p.text };
    case 'image':
      return { image: { format: p.format, source: { bytes: p.data } } };
    case 'document':
      return { document: { format: p.format, name: documentName(p.name), source: { bytes: p.data } } };
    case 'toolUse':
      return { toolUse: { toolUseId: p.id, name: p.name, input: p.input as never } };
    case 'toolResult':
      return { toolResult: { toolUseId: p.toolUseId, content: [{ text: p.content }], status: p.isError ? 'error' : 'success' } };
    case 'reasoning':
      return p.redacted
        ? { reasoningContent: { redactedContent: p.redacted } }
        : { reasoningContent: { reasoningText: { text: p.text, signature: p.signature } } };
  }
}

export function converseInput(req: ChatRequest, target: string): ConverseRequest {
  const messages: Message[] = replayableHistory(req.messages).map((m) => ({ role: m.role, content: m.content.map(block) }));
  const input: ConverseRequest = { modelId: target, messages };
  if (req.system) input.system = [{ text: req.system } as SystemContentBlock];
  const inf: NonNullable<ConverseRequest['inferenceConfig']> = {};
  if (req.maxTokens !== undefined) inf.maxTokens = req.maxTokens;
  const sampling = !thinkingDropsSampling(req.reasoning);
  if (req.temperature !== undefined && sampling) inf.temperature = req.temperature;
  if (req.topP !== undefined && sampling) inf.topP = req.topP;
  if (req.stopSequences?.length) inf.stopSequences = req.stopSequences;
  if (Object.keys(inf).length) input.inferenceConfig = inf;
  const declared = declaredTools(req);
  if (declared) {
    const tools: Tool[] = declared.tools.map((t) => ({ toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema as never } } }));
    const choice = declared.choice;
    input.toolConfig = {
      tools,
      toolChoice: !choice || choice === 'auto' ? { auto: {} } : choice === 'any' ? { any: {} } : { tool: { name: choice.name } },
    };
  }
  const thinking = anthropicThinking(req.reasoning);
  const effort = openaiEffort(req.reasoning);
  const reasoningConfig = novaReasoningConfig(req.reasoning);
  if (thinking) input.additionalModelRequestFields = { thinking } as never;
  else if (effort) input.additionalModelRequestFields = { reasoning_effort: effort } as never;
  else if (reasoningConfig) input.additionalModelRequestFields = { reasoningConfig } as never;
  const claudeEffort = anthropicEffort(req.reasoning);
  if (claudeEffort) input.outputConfig = { effort: claudeEffort };
  return input;
}

/** Maps ConverseStream events; tool input fragments are joined and parsed at the block's end. */
export class ConverseStreamMapper {
  private tools = new Map<number, { id: string; name: string; json: string }>();

  map = (raw: unknown, out: ChatEvent[]): void => {
    const e = raw as ConverseStreamOutput;
    if (e.contentBlockDelta) {
      const d = e.contentBlockDelta.delta;
      if (!d) return;
      if (d.text !== undefined) out.push({ type: 'text', text: d.text });
      else if (d.reasoningContent) {
        const r = d.reasoningContent;
        if (r.text !== undefined) out.push({ type: 'reasoning', text: r.text });
        else if (r.signature !== undefined) out.push({ type: 'reasoning', text: '', signature: r.signature });
        else if (r.redactedContent) out.push({ type: 'reasoning', text: '', redacted: r.redactedContent });
      } else if (d.toolUse) {
        const t = this.tools.get(e.contentBlockDelta.contentBlockIndex ?? 0);
        if (t) t.json += d.toolUse.input ?? '';
      }
    } else if (e.contentBlockStart) {
      const tu = e.contentBlockStart.start?.toolUse;
      if (tu) this.tools.set(e.contentBlockStart.contentBlockIndex ?? 0, { id: tu.toolUseId ?? '', name: tu.name ?? '', json: '' });
    } else if (e.contentBlockStop) {
      const i = e.contentBlockStop.contentBlockIndex ?? 0;
      const t = this.tools.get(i);
      if (t) {
        this.tools.delete(i);
        out.push({ type: 'toolCall', id: t.id, name: t.name, input: parseJson(t.json) });
      }
    } else if (e.messageStop) {
      out.push({ type: 'stop', reason: normalizeStopReason(e.messageStop.stopReason), raw: e.messageStop.stopReason });
    } else if (e.metadata) {
      const u = e.metadata.usage;
      if (u) out.push({ type: 'usage', inputTokens: u.inputTokens, outputTokens: u.outputTokens, cacheReadTokens: u.cacheReadInputTokens, cacheWriteTokens: u.cacheWriteInputTokens });
      if (e.metadata.metrics) out.push({ type: 'metrics', latencyMs: e.metadata.metrics.latencyMs });
    }
  };
}

export function parseJson(s: string): unknown {
  if (!s) return {};
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** A whole Converse response as unified events (also used for the non-streaming fallback). */
export function converseResponseEvents(r: ConverseResponse, out: ChatEvent[]): void {
  for (const b of r.output?.message?.content ?? []) {
    if (b.reasoningContent?.reasoningText) {
      out.push({ type: 'reasoning', text: b.reasoningContent.reasoningText.text ?? '', signature: b.reasoningContent.reasoningText.signature });
    } else if (b.reasoningContent?.redactedContent) out.push({ type: 'reasoning', text: '', redacted: b.reasoningContent.redactedContent });
    else if (b.text !== undefined) out.push({ type: 'text', text: b.text });
    else if (b.toolUse) out.push({ type: 'toolCall', id: b.toolUse.toolUseId ?? '', name: b.toolUse.name ?? '', input: b.toolUse.input });
  }
  out.push({ type: 'stop', reason: normalizeStopReason(r.stopReason), raw: r.stopReason });
  if (r.usage) {
    out.push({ type: 'usage', inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens, cacheReadTokens: r.usage.cacheReadInputTokens, cacheWriteTokens: r.usage.cacheWriteInputTokens });
  }
  if (r.metrics) out.push({ type: 'metrics', latencyMs: r.metrics.latencyMs });
}

export class ConverseAdapter implements ChatAdapter {
  readonly apis = ['converse', 'converse-stream'] as const;

  async start(req: ChatRequest, step: RouteStep, ctx: AdapterContext): Promise<AdapterCall> {
    const [sdk, client] = await Promise.all([loadAwsSdk(), ctx.connection.runtime()]);
    const input = converseInput(req, step.target);
    if (isStreamingStep(step)) {
      const res = await client.send(new sdk.ConverseStreamCommand(input), { abortSignal: ctx.signal });
      const mapper = new ConverseStreamMapper();
      return { events: res.stream ?? [], map: mapper.map };
    }
    const res = await client.send(new sdk.ConverseCommand(input), { abortSignal: ctx.signal });
    return { events: [res], map: (raw, out) => converseResponseEvents(raw as ConverseResponse, out) };
  }
}
