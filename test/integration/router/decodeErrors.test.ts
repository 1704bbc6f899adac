// Errors real Bedrock reports in ways a naive decoder misses, through the real SDK clients and real
// HTTP against the emulator: Anthropic error events inside a 200 stream, Bedrock exception names
// inside OpenAI/Anthropic-shaped errors, every Responses error form, and bodies that are not
// Bedrock's at all (a proxy's HTML page, JSON cut short).
import assert from 'node:assert/strict';
import type { ErrorFaultKind } from '../../emulator/serviceError';
import { chat, textOf, useEmulatorRig } from './routerHarness';
import { failure, runStep, stepName, type Step } from './routeStepHarness';

const REPLY = 'Hello there friend, here is a longer answer that streams in many small pieces.';
const CLAUDE = 'anthropic.claude-3-haiku-20240307-v1:0';
const MESSAGES_MODEL = 'anthropic.claude-mythos-preview';
const GPT_OSS = 'openai.gpt-oss-20b-1:0';
const GPT_OSS_MANTLE = 'openai.gpt-oss-20b';
// bedrock-runtime takes Responses only through a cross-Region profile, and knows no mantle-only model.
const RUNTIME_RESPONSES_MODEL = 'us.openai.gpt-6.1-sol';
const RUNTIME_MESSAGES_MODEL = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const PROXY = "The response was not Bedrock's: a proxy may be in the way.";

/** What each in-band Anthropic error type must become. */
const IN_BAND: Array<[ErrorFaultKind, string, string, RegExp]> = [
  ['throttling', 'rate_limit_error', 'throttled', /throttling/],
  ['serviceUnavailable', 'overloaded_error', 'serviceError', /busy/],
  ['internal', 'api_error', 'serviceError', /temporary problem/],
  ['validation', 'invalid_request_error', 'validation', /rejected the request/],
];

describe('decoding: errors on every route (emulator)', function () {
  const t = useEmulatorRig({ scenario: { defaults: { text: REPLY, chunkChars: 6 } } });
  const last = () => t.emu.requests[t.emu.requests.length - 1];

  /** A failed turn keeps exactly the text that streamed before the error. */
  function assertPartial(ev: Parameters<typeof failure>[0], partialText: string) {
    assert.ok(partialText.length > 0, 'some text streamed before the error');
    assert.ok(REPLY.startsWith(partialText), `partial text is the reply's start: ${JSON.stringify(partialText)}`);
    assert.equal(partialText, textOf(ev));
  }

  describe('Anthropic error events inside a 200 stream', () => {
    const anthropicStreams: Step[] = [
      { api: 'invoke-stream', endpoint: 'runtime', target: CLAUDE },
      { api: 'messages', endpoint: 'runtime', target: RUNTIME_MESSAGES_MODEL },
      { api: 'messages', endpoint: 'mantle', target: MESSAGES_MODEL },
    ];
    for (const step of anthropicStreams) {
      for (const [exception, type, kind, message] of IN_BAND) {
        it(`${stepName(step)}: ${type} after text → ${kind}, partial text kept`, async () => {
          t.emu.fault({ kind: 'inBandError', exception, afterEvents: 6 });
          const ev = await runStep(t.rig, step, chat(step.target));
          const { error, partialText } = failure(ev);
          assert.equal(last().status, 200, 'the HTTP response itself succeeded');
          assert.equal(error.kind, kind);
          assert.match(error.message, message);
          assert.equal(error.code, type);
          if (kind !== 'validation') assert.equal(error.action.id, 'retry');
          assertPartial(ev, partialText);
        });
      }
    }

    it('InvokeModelWithResponseStream: the exception frame form still works beside the in-band form', async () => {
      t.emu.fault({ kind: 'exceptionAfter', exception: 'throttling', afterEvents: 6 });
      const ev = await runStep(t.rig, { api: 'invoke-stream', endpoint: 'runtime', target: CLAUDE }, chat(CLAUDE));
      const { error, partialText } = failure(ev);
      assert.equal(error.kind, 'throttled');
      assert.equal(error.code, 'ThrottlingException');
      assertPartial(ev, partialText);
    });
  });

  describe('Bedrock exception names win over the OpenAI/Anthropic type', () => {
    const compat: Step[] = [
      { api: 'chat-completions', endpoint: 'runtime', target: GPT_OSS },
      { api: 'chat-completions', endpoint: 'mantle', target: GPT_OSS_MANTLE },
      { api: 'chat-completions', endpoint: 'runtime', target: GPT_OSS, nonStreaming: true },
      { api: 'chat-completions', endpoint: 'mantle', target: GPT_OSS_MANTLE, nonStreaming: true },
      { api: 'responses', endpoint: 'runtime', target: RUNTIME_RESPONSES_MODEL },
      { api: 'responses', endpoint: 'mantle', target: GPT_OSS_MANTLE },
    ];
    for (const step of compat) {
      it(`${stepName(step)}: HTTP 400 quota error whose type says invalid_request_error, name only in the body → throttled`, async () => {
        t.emu.fault({ kind: 'quotaExceeded', errorTypeHeader: false });
        const { error } = failure(await runStep(t.rig, step, chat(step.target)));
        assert.equal(last().headers['x-amzn-errortype'], undefined);
        assert.equal(error.code, 'ServiceQuotaExceededException');
        assert.equal(error.kind, 'throttled');
        assert.match(error.message, /quota/);
      });
      it(`${stepName(step)}: HTTP 403 expired token (type permission_error) → expired credentials`, async () => {
        t.emu.fault({ kind: 'expiredToken', errorTypeHeader: false });
        const { error } = failure(await runStep(t.rig, step, chat(step.target)));
        assert.equal(error.kind, 'credentials');
      });
    }

    for (const step of compat.filter((s) => s.api === 'chat-completions' && !s.nonStreaming)) {
      for (const [exception, kind, message] of [
        ['quotaExceeded', 'throttled', /quota/],
        ['expiredToken', 'credentials', /expired/],
        ['serviceUnavailable', 'serviceError', /busy/],
        ['modelStreamError', 'serviceError', /temporary problem/],
      ] as const) {
        it(`${stepName(step)}: mid-stream ${exception} error event → ${kind}, partial text kept`, async () => {
          t.emu.fault({ kind: 'exceptionAfter', exception, afterEvents: 4 });
          const ev = await runStep(t.rig, step, chat(step.target));
          const { error, partialText } = failure(ev);
          assert.equal(error.kind, kind);
          assert.match(error.message, message);
          assertPartial(ev, partialText);
        });
      }
    }

    for (const endpoint of ['runtime', 'mantle'] as const) {
      it(`messages@${endpoint}: HTTP quota error with x-amzn-ErrorType → throttled, not the body's invalid_request_error`, async () => {
        t.emu.fault({ kind: 'quotaExceeded' });
        const target = endpoint === 'runtime' ? RUNTIME_MESSAGES_MODEL : MESSAGES_MODEL;
        const { error } = failure(await runStep(t.rig, { api: 'messages', endpoint, target }, chat(target)));
        assert.equal(error.code, 'ServiceQuotaExceededException');
        assert.equal(error.kind, 'throttled');
      });
    }
  });

  describe('every Responses error form', () => {
    for (const endpoint of ['runtime', 'mantle'] as const) {
      const step: Step = { api: 'responses', endpoint, target: endpoint === 'runtime' ? RUNTIME_RESPONSES_MODEL : GPT_OSS_MANTLE };
      for (const form of ['bare', 'error', 'failed'] as const) {
        for (const [exception, kind] of [
          ['throttling', 'throttled'],
          ['internal', 'serviceError'],
        ] as const) {
          it(`${stepName(step)}: ${form} form, ${exception} after text → ${kind}, partial text kept`, async () => {
            t.emu.fault({ kind: 'exceptionAfter', exception, responsesForm: form, afterEvents: 6 });
            const ev = await runStep(t.rig, step, chat(step.target));
            const { error, partialText } = failure(ev);
            assert.equal(error.kind, kind);
            assertPartial(ev, partialText);
          });
        }
      }
      it(`${stepName(step)} (non-streaming): a 200 response whose status is failed → its error's class, not a finished turn`, async () => {
        t.emu.fault({ kind: 'exceptionAfter', exception: 'throttling', responsesForm: 'failed' });
        const { error } = failure(await runStep(t.rig, { ...step, nonStreaming: true }, chat(step.target)));
        assert.equal(last().status, 200);
        assert.equal(error.code, 'rate_limit_exceeded');
        assert.equal(error.kind, 'throttled');
      });
      it(`${stepName(step)}: an error event naming a Bedrock exception keeps that name`, async () => {
        t.emu.fault({ kind: 'exceptionAfter', exception: 'quotaExceeded', responsesForm: 'error', afterEvents: 6 });
        const { error } = failure(await runStep(t.rig, step, chat(step.target)));
        assert.equal(error.code, 'ServiceQuotaExceededException');
        assert.equal(error.kind, 'throttled');
      });
    }
  });

  describe('bodies that are not Bedrock’s', () => {
    const oneShot: Step[] = [
      { api: 'invoke', endpoint: 'runtime', target: CLAUDE },
      { api: 'converse', endpoint: 'runtime', target: 'amazon.nova-micro-v1:0' },
      { api: 'chat-completions', endpoint: 'runtime', target: GPT_OSS, nonStreaming: true },
      { api: 'chat-completions', endpoint: 'mantle', target: GPT_OSS_MANTLE, nonStreaming: true },
      { api: 'responses', endpoint: 'runtime', target: RUNTIME_RESPONSES_MODEL, nonStreaming: true },
      { api: 'responses', endpoint: 'mantle', target: GPT_OSS_MANTLE, nonStreaming: true },
      { api: 'messages', endpoint: 'mantle', target: MESSAGES_MODEL, nonStreaming: true },
    ];
    for (const step of oneShot) {
      for (const status of [200, 502]) {
        it(`${stepName(step)}: an HTML page with ${status} → "not Bedrock's", the page's start in Details`, async () => {
          t.emu.fault({ kind: 'htmlBody', status });
          const { error } = failure(await runStep(t.rig, step, chat(step.target)));
          assert.equal(error.kind, 'network');
          assert.equal(error.message, PROXY);
          assert.equal(error.action.id, 'checkEndpoints'); // the emulator is an endpoint override: its setting is the likelier cause
          assert.match(error.detail ?? '', new RegExp(`HTTP ${status}`));
          assert.match(error.detail ?? '', /<!DOCTYPE|<html|text\/html/);
          assert.doesNotMatch(error.detail ?? '', /Deserialization error|hidden field/);
        });
      }
      it(`${stepName(step)}: JSON cut short with 200 → "not Bedrock's"`, async () => {
        t.emu.fault({ kind: 'truncatedFrame' });
        const { error } = failure(await runStep(t.rig, step, chat(step.target)));
        assert.equal(last().status, 200);
        assert.equal(error.message, PROXY);
        assert.match(error.detail ?? '', /JSON|\{/);
      });
    }

    const streams: Step[] = [
      { api: 'converse-stream', endpoint: 'runtime', target: 'amazon.nova-micro-v1:0' },
      { api: 'invoke-stream', endpoint: 'runtime', target: CLAUDE },
      { api: 'chat-completions', endpoint: 'runtime', target: GPT_OSS },
      { api: 'chat-completions', endpoint: 'mantle', target: GPT_OSS_MANTLE },
      { api: 'responses', endpoint: 'mantle', target: GPT_OSS_MANTLE },
      { api: 'messages', endpoint: 'mantle', target: MESSAGES_MODEL },
    ];
    for (const step of streams) {
      it(`${stepName(step)}: a captive portal's 200 HTML page instead of the stream → "not Bedrock's", not a reset`, async () => {
        t.emu.fault({ kind: 'htmlBody' });
        const { error } = failure(await runStep(t.rig, step, chat(step.target)));
        assert.equal(error.message, PROXY);
        assert.match(error.detail ?? '', /HTTP 200/);
      });
    }
  });
});
