// Runtime through the real @aws-sdk/client-bedrock-runtime client (HTTP/2 default handler):
// Converse, ConverseStream, InvokeModel for every family, CountTokens, async invoke, the
// support matrix with its real errors, and SigV4 vs bearer auth.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import {
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  GetAsyncInvokeCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ListAsyncInvokesCommand,
  StartAsyncInvokeCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator } from '../../emulator/emulator';
import type { EmulatorHandle } from '../../emulator/emulator';
import { runtimeClient } from '../../emulator/sdkClients';
import { cosine } from '../../emulator/embeddings';

const SONNET = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const user = (text: string) => [{ role: 'user' as const, content: [{ text }] }];

async function collect(stream: AsyncIterable<ConverseStreamOutput>): Promise<ConverseStreamOutput[]> {
  const out: ConverseStreamOutput[] = [];
  for await (const ev of stream) out.push(ev);
  return out;
}

async function rejectsWith(p: Promise<unknown>, message: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ValidationException, `expected ValidationException, got ${(e as Error).name}`);
    assert.equal(e.$metadata.httpStatusCode, 400);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

describe('emulator runtime', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator({
      seed: 3,
      // The data file lists the legacy Titan Text model as Converse-only; enable Invoke to exercise its body.
      modelOverrides: { 'amazon.titan-tg1-large': { apis: { invoke: true }, streaming: true } },
      scenario: {
        rules: [
          { match: { promptIncludes: 'SCRIPTED' }, reply: { text: 'Scripted **reply**.', usage: { inputTokens: 11, outputTokens: 4 } } },
          { match: { promptIncludes: 'THINK' }, reply: { reasoning: { text: 'Let me think it through.', signature: 'c2lnbmF0dXJl' }, text: 'Answer after thinking.' } },
          { match: { promptIncludes: 'WEATHER' }, reply: { text: 'Checking.', toolCalls: [{ name: 'get_weather', input: { city: 'Paris', unit: 'C' }, id: 'tooluse_weather01' }] } },
          { match: { afterToolResult: true }, reply: { text: 'From the tool: 18 degrees.' } },
        ],
      },
    });
  });
  after(() => emu.close());

  describe('Converse', () => {
    it('returns deterministic markdown with headings, lists, a code fence and a table', async () => {
      const c = runtimeClient(emu.url);
      const a = await c.send(new ConverseCommand({ modelId: SONNET, messages: user('Explain retries') }));
      const b = await c.send(new ConverseCommand({ modelId: SONNET, messages: user('Explain retries') }));
      const text = a.output!.message!.content![0]!.text!;
      assert.equal(text, b.output!.message!.content![0]!.text);
      assert.match(text, /^## /m);
      assert.match(text, /^- /m);
      assert.match(text, /^1\. /m);
      assert.match(text, /^```\w+$/m);
      assert.match(text, /^\| .* \|$/m);
      assert.ok(text.length > 600);
      assert.equal(a.stopReason, 'end_turn');
      assert.equal(a.usage!.totalTokens, a.usage!.inputTokens! + a.usage!.outputTokens!);
      assert.ok(a.metrics!.latencyMs! > 0);
    });

    it('changes replies with the seed', async () => {
      const other = await startEmulator({ seed: 99 });
      try {
        const a = await runtimeClient(emu.url).send(new ConverseCommand({ modelId: SONNET, messages: user('Explain retries') }));
        const b = await runtimeClient(other.url).send(new ConverseCommand({ modelId: SONNET, messages: user('Explain retries') }));
        assert.notEqual(a.output!.message!.content![0]!.text, b.output!.message!.content![0]!.text);
      } finally {
        await other.close();
      }
    });

    it('plays scripted replies and usage from the scenario', async () => {
      const out = await runtimeClient(emu.url).send(new ConverseCommand({ modelId: SONNET, messages: user('SCRIPTED please') }));
      assert.equal(out.output!.message!.content![0]!.text, 'Scripted **reply**.');
      assert.deepEqual([out.usage!.inputTokens, out.usage!.outputTokens], [11, 4]);
    });

    it('truncates at maxTokens with stopReason max_tokens', async () => {
      const out = await runtimeClient(emu.url).send(new ConverseCommand({ modelId: SONNET, messages: user('long one'), inferenceConfig: { maxTokens: 5 } }));
      assert.equal(out.stopReason, 'max_tokens');
      assert.ok(out.output!.message!.content![0]!.text!.length <= 20);
    });

    it('returns tool use and reasoning blocks', async () => {
      const c = runtimeClient(emu.url);
      const tools = await c.send(
        new ConverseCommand({
          modelId: SONNET,
          messages: user('WEATHER in Paris'),
          toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }] },
        }),
      );
      assert.equal(tools.stopReason, 'tool_use');
      const use = tools.output!.message!.content!.find((b) => b.toolUse)!.toolUse!;
      assert.deepEqual([use.toolUseId, use.name, use.input], ['tooluse_weather01', 'get_weather', { city: 'Paris', unit: 'C' }]);
      // The agent's next step: a rule for requests whose last turn is the tool's result.
      const toolConfig = { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] };
      const answer = await c.send(
        new ConverseCommand({
          modelId: SONNET,
          toolConfig,
          messages: [...user('WEATHER in Paris'), tools.output!.message!, { role: 'user', content: [{ toolResult: { toolUseId: use.toolUseId, content: [{ text: '18' }] } }] }],
        }),
      );
      assert.equal(answer.output!.message!.content![0]!.text, 'From the tool: 18 degrees.');
      assert.equal(answer.stopReason, 'end_turn');
      const think = await c.send(new ConverseCommand({ modelId: SONNET, messages: user('THINK hard') }));
      const r = think.output!.message!.content![0]!.reasoningContent!.reasoningText!;
      assert.deepEqual([r.text, r.signature], ['Let me think it through.', 'c2lnbmF0dXJl']);
    });
  });

  describe('ConverseStream', () => {
    it('streams text deltas that add up to the Converse reply, then messageStop and metadata', async () => {
      const c = runtimeClient(emu.url);
      const whole = await c.send(new ConverseCommand({ modelId: SONNET, messages: user('stream me') }));
      const out = await c.send(new ConverseStreamCommand({ modelId: SONNET, messages: user('stream me') }));
      const events = await collect(out.stream!);
      assert.deepEqual(events[0], { messageStart: { role: 'assistant' } });
      const text = events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join('');
      assert.equal(text, whole.output!.message!.content![0]!.text);
      assert.equal(events.at(-2)!.messageStop!.stopReason, 'end_turn');
      const meta = events.at(-1)!.metadata!;
      assert.equal(meta.usage!.outputTokens, whole.usage!.outputTokens);
      assert.ok(meta.metrics!.latencyMs! > 0);
      const rec = emu.requests.filter((r) => r.route === 'ConverseStream').pop()!;
      assert.equal(rec.events, events.length);
      assert.deepEqual(await rec.closed, { aborted: false });
    });

    it('streams reasoning with its signature, then text, then a tool call', async () => {
      const c = runtimeClient(emu.url);
      const think = await collect((await c.send(new ConverseStreamCommand({ modelId: SONNET, messages: user('THINK now') }))).stream!);
      const reasoning = think.map((e) => e.contentBlockDelta?.delta?.reasoningContent?.text ?? '').join('');
      const sig = think.find((e) => e.contentBlockDelta?.delta?.reasoningContent?.signature)!;
      assert.equal(reasoning, 'Let me think it through.');
      assert.equal(sig.contentBlockDelta!.delta!.reasoningContent!.signature, 'c2lnbmF0dXJl');
      assert.equal(sig.contentBlockDelta!.contentBlockIndex, 0);
      assert.ok(think.some((e) => e.contentBlockDelta?.delta?.text && e.contentBlockDelta.contentBlockIndex === 1));

      const tool = await collect(
        (
          await c.send(
            new ConverseStreamCommand({
              modelId: SONNET,
              messages: user('WEATHER again'),
              toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] },
            }),
          )
        ).stream!,
      );
      const start = tool.find((e) => e.contentBlockStart)!.contentBlockStart!;
      assert.deepEqual(start.start!.toolUse, { toolUseId: 'tooluse_weather01', name: 'get_weather' });
      const input = tool
        .filter((e) => e.contentBlockDelta?.contentBlockIndex === start.contentBlockIndex)
        .map((e) => e.contentBlockDelta!.delta!.toolUse?.input ?? '')
        .join('');
      assert.deepEqual(JSON.parse(input), { city: 'Paris', unit: 'C' });
      assert.equal(tool.find((e) => e.messageStop)!.messageStop!.stopReason, 'tool_use');
    });

    it('paces tokens and first-token latency from the scenario', async () => {
      const paced = await startEmulator({ scenario: { defaults: { text: 'one two three four five', tokensPerSecond: 1000, firstTokenLatencyMs: 30 } } });
      try {
        const out = await runtimeClient(paced.url).send(new ConverseStreamCommand({ modelId: SONNET, messages: user('pace') }));
        const events = await collect(out.stream!);
        assert.equal(events.filter((e) => e.contentBlockDelta).length, 5);
      } finally {
        await paced.close();
      }
    });
  });

  describe('InvokeModel families', () => {
    const cases: Array<[string, object, (r: any) => string]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['anthropic.claude-3-haiku-20240307-v1:0', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 300, messages: [{ role: 'user', content: 'hi claude' }] }, (r) => r.content[0].text],
      ['amazon.nova-lite-v1:0', { messages: [{ role: 'user', content: [{ text: 'hi nova' }] }], inferenceConfig: { maxTokens: 300 } }, (r) => r.output.message.content[0].text],
      ['amazon.titan-tg1-large', { inputText: 'User: hi titan\nBot:', textGenerationConfig: { maxTokenCount: 300 } }, (r) => r.results[0].outputText],
      ['meta.llama3-1-8b-instruct-v1:0', { prompt: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi llama<|eot_id|>', max_gen_len: 300 }, (r) => r.generation],
      ['mistral.mistral-7b-instruct-v0:2', { prompt: '<s>[INST] hi mistral [/INST]', max_tokens: 300 }, (r) => r.outputs[0].text],
      ['mistral.mistral-large-2402-v1:0', { messages: [{ role: 'user', content: 'hi mistral chat' }], max_tokens: 300 }, (r) => r.choices[0].message.content],
      ['cohere.command-r-v1:0', { message: 'hi cohere', max_tokens: 300 }, (r) => r.text],
      ['ai21.jamba-1-5-mini-v1:0', { messages: [{ role: 'user', content: 'hi jamba' }], max_tokens: 300 }, (r) => r.choices[0].message.content],
      ['us.deepseek.r1-v1:0', { prompt: '<｜begin▁of▁sentence｜><｜User｜>hi deepseek<｜Assistant｜><think>\n', max_tokens: 300 }, (r) => r.choices[0].text],
      ['openai.gpt-oss-20b-1:0', { messages: [{ role: 'user', content: 'hi gpt-oss' }], max_completion_tokens: 300 }, (r) => r.choices[0].message.content],
    ];
    for (const [modelId, body, text] of cases) {
      it(`${modelId}: native body in, native body out, streamed chunks carry the same text`, async () => {
        const c = runtimeClient(emu.url);
        const res = await c.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json', accept: 'application/json' }));
        const parsed = JSON.parse(Buffer.from(res.body).toString('utf8'));
        assert.ok(text(parsed).length > 20, JSON.stringify(parsed).slice(0, 200));
        assert.equal(res.contentType, 'application/json');
        const stream = await c.send(new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json' }));
        const chunks: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
        for await (const ev of stream.body!) chunks.push(JSON.parse(Buffer.from(ev.chunk!.bytes!).toString('utf8')));
        assert.ok(chunks.length > 3);
        assert.ok(chunks.at(-1)['amazon-bedrock-invocationMetrics'].outputTokenCount > 0);
        assert.equal(stream.contentType, 'application/json');
      });
    }

    it('sends token-count and latency headers on InvokeModel', async () => {
      await runtimeClient(emu.url).send(new InvokeModelCommand({ modelId: 'meta.llama3-1-8b-instruct-v1:0', body: JSON.stringify({ prompt: 'headers' }) }));
      const rec = emu.requests.filter((r) => r.route === 'InvokeModel').pop()!;
      assert.equal(rec.status, 200);
      const res = await fetch(`${emu.url}/model/meta.llama3-1-8b-instruct-v1%3A0/invoke`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify({ prompt: 'x' }) });
      assert.ok(Number(res.headers.get('x-amzn-bedrock-input-token-count')) > 0);
      assert.ok(Number(res.headers.get('x-amzn-bedrock-output-token-count')) > 0);
      assert.ok(Number(res.headers.get('x-amzn-bedrock-invocation-latency')) > 0);
      assert.ok(res.headers.get('x-amzn-requestid'));
    });

    it('fails an Anthropic body without max_tokens with the schema message', async () => {
      await rejectsWith(
        runtimeClient(emu.url).send(new InvokeModelCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', messages: [] }) })),
        'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.',
      );
    });
  });

  describe('embeddings and rerank', () => {
    const invoke = async (modelId: string, body: object): Promise<any> => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const res = await runtimeClient(emu.url).send(new InvokeModelCommand({ modelId, body: JSON.stringify(body) }));
      return JSON.parse(Buffer.from(res.body).toString('utf8'));
    };

    it('Titan v2: requested dimension, normalized, identical texts equal, shared words closer', async () => {
      const a = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'the cat sat on the mat', dimensions: 256, normalize: true });
      const a2 = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'the cat sat on the mat', dimensions: 256, normalize: true });
      const b = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'the cat sat on a sofa', dimensions: 256 });
      const c = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'quarterly revenue forecast spreadsheet', dimensions: 256 });
      assert.equal(a.embedding.length, 256);
      assert.deepEqual(a.embedding, a2.embedding);
      assert.ok(Math.abs(Math.hypot(...a.embedding) - 1) < 1e-3);
      assert.ok(cosine(a.embedding, b.embedding) > cosine(a.embedding, c.embedding) + 0.2);
      assert.ok(a.inputTextTokenCount > 0);
      assert.deepEqual(a.embeddingsByType.float, a.embedding);
    });

    it('Titan v2 rejects more than 50,000 characters with the real message', async () => {
      await rejectsWith(
        runtimeClient(emu.url).send(new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', body: JSON.stringify({ inputText: 'a'.repeat(50001) }) })),
        'Malformed input request: #/inputText: expected maxLength: 50000, actual: 50001, please reformat your input and try again.',
      );
    });

    it('Titan v1 and multimodal embeddings', async () => {
      const v1 = await invoke('amazon.titan-embed-text-v1', { inputText: 'hello' });
      assert.equal(v1.embedding.length, 1536);
      const mm = await invoke('amazon.titan-embed-image-v1', { inputText: 'a red bike', embeddingConfig: { outputEmbeddingLength: 384 } });
      assert.equal(mm.embedding.length, 384);
    });

    it('Cohere v3: floats or by type; 96 texts × 2,048 characters enforced', async () => {
      const f = await invoke('cohere.embed-english-v3', { texts: ['one', 'two'], input_type: 'search_document' });
      assert.equal(f.response_type, 'embeddings_floats');
      assert.equal(f.embeddings.length, 2);
      assert.equal(f.embeddings[0].length, 1024);
      const t = await invoke('cohere.embed-multilingual-v3', { texts: ['one'], input_type: 'search_query', embedding_types: ['float', 'int8'] });
      assert.equal(t.response_type, 'embeddings_by_type');
      assert.equal(t.embeddings.int8[0].length, 1024);
      await rejectsWith(
        runtimeClient(emu.url).send(new InvokeModelCommand({ modelId: 'cohere.embed-english-v3', body: JSON.stringify({ texts: Array(97).fill('x'), input_type: 'search_document' }) })),
        'Malformed input request: #/texts: expected maxItems: 96, actual: 97, please reformat your input and try again.',
      );
      await rejectsWith(
        runtimeClient(emu.url).send(new InvokeModelCommand({ modelId: 'cohere.embed-english-v3', body: JSON.stringify({ texts: ['ok', 'y'.repeat(2049)], input_type: 'search_document' }) })),
        'Malformed input request: #/texts/1: expected maxLength: 2048, actual: 2049, please reformat your input and try again.',
      );
    });

    it('Cohere v4, Nova multimodal embeddings and Cohere rerank', async () => {
      const v4 = await invoke('cohere.embed-v4:0', { texts: ['hello'], input_type: 'search_document', output_dimension: 512 });
      assert.equal(v4.embeddings.float[0].length, 512);
      const nova = await invoke('amazon.nova-2-multimodal-embeddings-v1:0', {
        schemaVersion: 'nova-multimodal-embed-v1',
        taskType: 'SINGLE_EMBEDDING',
        singleEmbeddingParams: { embeddingPurpose: 'GENERIC_INDEX', embeddingDimension: 384, text: { truncationMode: 'END', value: 'hi' } },
      });
      assert.equal(nova.embeddings[0].embeddingType, 'TEXT');
      assert.equal(nova.embeddings[0].embedding.length, 384);
      const rr = await invoke('cohere.rerank-v3-5:0', { query: 'cat food', documents: ['stock prices', 'best cat food brands', 'weather'], top_n: 2, api_version: 2 });
      assert.equal(rr.results.length, 2);
      assert.equal(rr.results[0].index, 1);
    });
  });

  describe('support matrix errors', () => {
    it('profile-only model by bare id → on-demand ValidationException', async () => {
      await rejectsWith(
        runtimeClient(emu.url).send(new ConverseCommand({ modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', messages: user('x') })),
        "Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      );
    });
    it('unknown id, and a profile of another geo → "The provided model identifier is invalid."', async () => {
      await rejectsWith(runtimeClient(emu.url).send(new ConverseCommand({ modelId: 'acme.unknown-v1:0', messages: user('x') })), 'The provided model identifier is invalid.');
      await rejectsWith(runtimeClient(emu.url).send(new ConverseCommand({ modelId: 'eu.anthropic.claude-sonnet-4-20250514-v1:0', messages: user('x') })), 'The provided model identifier is invalid.');
    });
    it('profiles work by ARN and through the application profile', async () => {
      const c = runtimeClient(emu.url);
      await c.send(new ConverseCommand({ modelId: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${SONNET}`, messages: user('x') }));
      await c.send(new ConverseCommand({ modelId: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/wb7app0prof1', messages: user('x') }));
      assert.equal(emu.requests.at(-1)!.resolvedModelId, 'anthropic.claude-sonnet-4-5-20250929-v1:0');
    });
    it('embedding models refuse chat; non-streaming models refuse streams', async () => {
      const c = runtimeClient(emu.url);
      await rejectsWith(
        c.send(new ConverseCommand({ modelId: 'amazon.titan-embed-text-v2:0', messages: user('x') })),
        "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
      );
      await rejectsWith(c.send(new InvokeModelWithResponseStreamCommand({ modelId: 'amazon.titan-embed-text-v2:0', body: JSON.stringify({ inputText: 'x' }) })), 'The model is unsupported for streaming.');
    });
    it('feature errors editors meet: system messages, streaming tool use, max tokens, cachePoint, thinking history', async () => {
      const c = runtimeClient(emu.url);
      await rejectsWith(c.send(new ConverseCommand({ modelId: 'mistral.mistral-7b-instruct-v0:2', system: [{ text: 'be brief' }], messages: user('x') })), "This model doesn't support system messages.");
      await rejectsWith(
        c.send(new ConverseStreamCommand({ modelId: 'meta.llama3-1-70b-instruct-v1:0', messages: user('x'), toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: {} } } }] } })),
        "This model doesn't support tool use in streaming mode.",
      );
      await rejectsWith(
        c.send(new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: user('x'), inferenceConfig: { maxTokens: 5000 } })),
        'The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.',
      );
      await rejectsWith(
        c.send(new ConverseCommand({ modelId: 'meta.llama3-1-70b-instruct-v1:0', messages: [{ role: 'user', content: [{ text: 'x' }, { cachePoint: { type: 'default' } }] }] })),
        /extraneous key \[cachePoint\] is not permitted/,
      );
      await rejectsWith(
        c.send(
          new ConverseCommand({
            modelId: SONNET,
            additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
            messages: [
              { role: 'user', content: [{ text: 'x' }] },
              { role: 'assistant', content: [{ text: 'calling' }, { toolUse: { toolUseId: 't1', name: 'f', input: {} } }] },
              { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }] } }] },
            ],
          }),
        ),
        /a final `assistant` message must start with a thinking block/,
      );
    });
  });

  describe('CountTokens and async invoke', () => {
    it('counts tokens for Claude (converse and invokeModel inputs) and refuses other models', async () => {
      const c = runtimeClient(emu.url);
      const conv = await c.send(new CountTokensCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', input: { converse: { messages: user('count these words please') } } }));
      assert.ok(conv.inputTokens! > 0);
      const body = new TextEncoder().encode(JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [{ role: 'user', content: 'count these words please' }] }));
      const inv = await c.send(new CountTokensCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', input: { invokeModel: { body } } }));
      assert.ok(inv.inputTokens! > 0);
      await rejectsWith(c.send(new CountTokensCommand({ modelId: 'amazon.nova-micro-v1:0', input: { converse: { messages: user('x') } } })), "The provided model doesn't support counting tokens.");
    });

    // With an S3 server the job completes (test/integration/async); this emulator has none to write to.
    it('moves an async job InProgress → Failed when it cannot write its output, and lists it', async () => {
      const c = runtimeClient(emu.url);
      const start = await c.send(
        new StartAsyncInvokeCommand({
          modelId: 'amazon.nova-reel-v1:0',
          modelInput: { taskType: 'TEXT_VIDEO', textToVideoParams: { text: 'a cat' } },
          outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://bucket/out' } },
        }),
      );
      assert.match(start.invocationArn!, /^arn:aws:bedrock:us-east-1:123456789012:async-invoke\//);
      const first = await c.send(new GetAsyncInvokeCommand({ invocationArn: start.invocationArn }));
      const second = await c.send(new GetAsyncInvokeCommand({ invocationArn: start.invocationArn }));
      assert.deepEqual([first.status, second.status], ['InProgress', 'Failed']);
      assert.match(second.failureMessage!, /s3:\/\/bucket\/out\/\w+\/: no S3 endpoint/);
      assert.ok(second.endTime instanceof Date);
      const list = await c.send(new ListAsyncInvokesCommand({ statusEquals: 'Failed' }));
      assert.ok(list.asyncInvokeSummaries!.some((s) => s.invocationArn === start.invocationArn));
      assert.ok(emu.requests.some((r) => r.route === 'StartAsyncInvoke' && (r.body as { clientRequestToken?: string }).clientRequestToken));
    });
  });

  describe('auth', () => {
    it('records SigV4 by default and Bearer with token + authSchemePreference', async () => {
      await runtimeClient(emu.url, { region: 'us-west-2' }).send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: user('sig') }));
      const sig = emu.requests.at(-1)!;
      assert.deepEqual([sig.auth.kind, sig.auth.signingName, sig.auth.region], ['sigv4', 'bedrock', 'us-west-2']);
      await runtimeClient(emu.url, { bearerToken: 'ABSKtestkey' }).send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: user('bearer') }));
      const bearer = emu.requests.at(-1)!;
      assert.deepEqual([bearer.auth.kind, bearer.auth.token], ['bearer', 'ABSKtestkey']);
      assert.equal(bearer.headers['x-amz-date'], undefined);
    });

    it('sends Bearer when AWS_BEARER_TOKEN_BEDROCK is set, even with credentials configured', async () => {
      const prev = process.env.AWS_BEARER_TOKEN_BEDROCK;
      process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKfromenv';
      try {
        await runtimeClient(emu.url).send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: user('env') }));
      } finally {
        if (prev === undefined) delete process.env.AWS_BEARER_TOKEN_BEDROCK;
        else process.env.AWS_BEARER_TOKEN_BEDROCK = prev;
      }
      const rec = emu.requests.at(-1)!;
      assert.deepEqual([rec.auth.kind, rec.auth.token], ['bearer', 'ABSKfromenv']);
    });

    it('reads the region out of a short-term API key', async () => {
      const url = 'bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=AKID%2F20260101%2Feu-central-1%2Fbedrock%2Faws4_request&Version=1';
      const token = `bedrock-api-key-${Buffer.from(url).toString('base64')}`;
      await runtimeClient(emu.url, { bearerToken: token }).send(new ConverseCommand({ modelId: 'eu.anthropic.claude-sonnet-4-20250514-v1:0', messages: user('eu') }));
      assert.equal(emu.requests.at(-1)!.auth.region, 'eu-central-1');
      assert.equal(emu.requests.at(-1)!.status, 200);
    });
  });
});
