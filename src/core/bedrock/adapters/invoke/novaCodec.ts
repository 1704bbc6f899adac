// Amazon Nova on InvokeModel: Converse-shaped messages in a `messages-v1` body; its stream chunks
// are Converse stream events.
import type { ContentPart } from '../chatRequest';
import { ConverseStreamMapper } from '../converseAdapter';
import { replayableHistory } from '../../routing/requestShaping';
import { documentName } from '../mediaFormats';
import { novaReasoningConfig } from '../reasoningFields';
import type { WireJson } from '../../wireJson';
import { b64, DEFAULT_MAX, stop, text, usage, type InvokeCodec } from './invokeCodec';
import { declaredTools } from '../historyTools';

export const novaCodec: InvokeCodec = {
  body(req) {
    const part = (p: ContentPart): WireJson | undefined => {
      switch (p.type) {
        case 'text':
          return { text: p.text };
        case 'image':
          return { image: { format: p.format, source: { bytes: b64(p.data) } } };
        case 'document':
          return { document: { format: p.format, name: documentName(p.name), source: { bytes: b64(p.data) } } };
        case 'toolUse':
          return { toolUse: { toolUseId: p.id, name: p.name, input: p.input } };
        case 'toolResult':
          return { toolResult: { toolUseId: p.toolUseId, content: [{ text: p.content }], status: p.isError ? 'error' : 'success' } };
        default:
          return undefined;
      }
    };
    const body: WireJson = {
      schemaVersion: 'messages-v1',
      messages: replayableHistory(req.messages).map((m) => ({ role: m.role, content: m.content.map(part).filter(Boolean) })),
      inferenceConfig: { maxTokens: req.maxTokens ?? DEFAULT_MAX },
    };
    if (req.system) body.system = [{ text: req.system }];
    if (req.temperature !== undefined) body.inferenceConfig.temperature = req.temperature;
    if (req.topP !== undefined) body.inferenceConfig.topP = req.topP;
    if (req.stopSequences?.length) body.inferenceConfig.stopSequences = req.stopSequences;
    const reasoningConfig = novaReasoningConfig(req.reasoning);
    if (reasoningConfig) body.inferenceConfig.reasoningConfig = reasoningConfig;
    const declared = declaredTools(req);
    if (declared) {
      const c = declared.choice;
      body.toolConfig = {
        tools: declared.tools.map((t) => ({ toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema } } })),
        toolChoice: !c || c === 'auto' ? { auto: {} } : c === 'any' ? { any: {} } : { tool: { name: c.name } },
      };
    }
    return body;
  },
  response(j, out) {
    for (const b of j.output?.message?.content ?? []) {
      if (b.reasoningContent?.reasoningText) out.push({ type: 'reasoning', text: b.reasoningContent.reasoningText.text ?? '' });
      else if (b.text !== undefined) text(b.text, out);
      else if (b.toolUse) out.push({ type: 'toolCall', id: b.toolUse.toolUseId, name: b.toolUse.name, input: b.toolUse.input });
    }
    stop(j.stopReason, out);
    usage(out, j.usage?.inputTokens, j.usage?.outputTokens);
  },
  chunks() {
    const m = new ConverseStreamMapper();
    return { chunk: (j, out) => m.map(j, out) };
  },
};
