// InvokeModel / InvokeModelWithResponseStream with the model family's native body (one codec per
// family under invoke/). Only families in modelFamily.ts are called this way; unknown providers
// never get a guessed body.
import type { AdapterCall, AdapterContext, ChatAdapter } from './chatAdapter';
import { isStreamingStep } from './chatAdapter';
import type { ChatEvent } from './chatEvent';
import type { ChatRequest } from './chatRequest';
import { BedrockError, errorAction } from '../errors/classifiedError';
import { captureHeaders, meteredUsage } from './invokeMetering';
import { INVOKE_CODECS } from './invoke/invokeCodecs';
import type { WireJson } from '../wireJson';
import { loadAwsSdk } from '../connection/loadAwsSdk';
import { invokeFamilyOf } from '../catalog/modelFamily';
import { parseResponseJson } from './responseBody';
import type { RouteStep } from '../routing/routePlan';

const METRICS = 'amazon-bedrock-invocationMetrics';
const decoder = new TextDecoder();

interface InvocationMetrics {
  inputTokenCount?: number;
  outputTokenCount?: number;
  invocationLatency?: number;
  firstByteLatency?: number;
}

export class InvokeAdapter implements ChatAdapter {
  readonly apis = ['invoke', 'invoke-stream'] as const;

  async start(req: ChatRequest, step: RouteStep, ctx: AdapterContext): Promise<AdapterCall> {
    const family = invokeFamilyOf(step.target) ?? invokeFamilyOf(req.modelId);
    if (!family) {
      throw new BedrockError({ kind: 'validation', message: `No known InvokeModel body for ${step.target}.`, action: errorAction('none'), fallback: { kind: 'routeUnsupported' } });
    }
    const codec = INVOKE_CODECS[family];
    const [sdk, client] = await Promise.all([loadAwsSdk(), ctx.connection.runtime()]);
    const streaming = isStreamingStep(step);
    const body = new TextEncoder().encode(JSON.stringify(codec.body(req, streaming)));
    if (!streaming) {
      const command = new sdk.InvokeModelCommand({ modelId: step.target, body, contentType: 'application/json', accept: 'application/json' });
      const metering = captureHeaders(command);
      const res = await client.send(command, { abortSignal: ctx.signal });
      return {
        events: [res.body],
        map(raw, out) {
          const start = out.length;
          codec.response(parseResponseJson(decoder.decode(raw as Uint8Array)) as WireJson, out);
          meteredUsage(metering.headers, out, start);
        },
      };
    }
    const res = await client.send(new sdk.InvokeModelWithResponseStreamCommand({ modelId: step.target, body, contentType: 'application/json', accept: 'application/json' }), { abortSignal: ctx.signal });
    const mapper = codec.chunks();
    let sawUsage = false;
    return {
      events: res.body ?? [],
      map(raw, out: ChatEvent[]) {
        const bytes = (raw as { chunk?: { bytes?: Uint8Array } }).chunk?.bytes;
        if (!bytes) return;
        const j = JSON.parse(decoder.decode(bytes));
        const start = out.length;
        mapper.chunk(j, out);
        for (let i = start; i < out.length; i++) if (out[i].type === 'usage') sawUsage = true;
        const m = j[METRICS] as InvocationMetrics | undefined;
        if (m) {
          if (!sawUsage) out.push({ type: 'usage', inputTokens: m.inputTokenCount, outputTokens: m.outputTokenCount });
          out.push({ type: 'metrics', latencyMs: m.invocationLatency, firstByteLatencyMs: m.firstByteLatency });
        }
      },
      end: mapper.end,
    };
  }
}
