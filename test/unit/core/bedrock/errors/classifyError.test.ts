import assert from 'node:assert/strict';
import { classifyError, fallbackHint } from '../../../../../src/core/bedrock/errors/classifyError';
import { HttpStatusError } from '../../../../../src/core/bedrock/errors/httpStatusError';
import { redact } from '../../../../../src/core/bedrock/errors/redact';
import { sseJson } from '../../../../../src/core/bedrock/adapters/responseBody';

const sdkError = (name: string, message: string, status: number) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('classifyError', () => {
  const cases: Array<[unknown, string, string?]> = [
    [sdkError('ThrottlingException', 'Too many requests, please wait before trying again.', 429), 'throttled', 'retry'],
    [sdkError('ServiceQuotaExceededException', 'Too many tokens per day, please wait before trying again.', 400), 'throttled'],
    [sdkError('ExpiredTokenException', 'The security token included in the request is expired', 403), 'credentials', 'ssoLogin'],
    [sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403), 'credentials', 'reloadCredentials'],
    [Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'credentials', 'openSettings'],
    [sdkError('AccessDeniedException', "You don't have access to the model with the specified model ID.", 403), 'modelNotEnabled', 'requestModelAccess'],
    [sdkError('AccessDeniedException', 'User is not authorized to perform bedrock:InvokeModel due to an explicit deny in a service control policy', 403), 'accessDenied'],
    [sdkError('ModelTimeoutException', 'Model has timed out in processing the request.', 408), 'timeout'],
    [sdkError('ModelNotReadyException', 'Model is not ready for inference.', 429), 'serviceError'],
    [sdkError('InternalServerException', 'boom', 500), 'serviceError'],
    [sdkError('ValidationException', 'Malformed input request', 400), 'validation'],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'network', 'checkNetwork'],
    [new Error('Truncated event message received.'), 'network'],
    [Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), 'cancelled'],
    [HttpStatusError.from(429, {}, '{"error":{"message":"slow down","type":"rate_limit_error"}}'), 'throttled'],
    [HttpStatusError.from(401, {}, '{"error":{"message":"Invalid API key","type":"authentication_error"}}'), 'credentials'],
    [HttpStatusError.from(401, {}, '{"type":"error","error":{"type":"authentication_error","message":"x-api-key header is required"}}'), 'credentials'],
    [HttpStatusError.fromEvent({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), 'serviceError', 'retry'],
    [HttpStatusError.fromEvent({ type: 'error', error: { type: 'rate_limit_error', message: 'Rate limited' } }), 'throttled', 'retry'],
    [HttpStatusError.fromEvent({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } }), 'serviceError', 'retry'],
    [HttpStatusError.fromEvent({ type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long' } }), 'validation'],
    [HttpStatusError.fromEvent({ error: { type: 'invalid_request_error', code: 'ServiceQuotaExceededException', message: 'Too many tokens per day' } }), 'throttled'],
    [HttpStatusError.fromEvent({ type: 'error', code: 'ExpiredTokenException', message: 'The security token included in the request is expired' }), 'credentials'],
    [HttpStatusError.fromEvent({ type: 'response.failed', response: { status: 'failed', error: { code: 'server_error', message: 'boom' } } }), 'serviceError'],
    [HttpStatusError.from(400, { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' }, '{"error":{"type":"invalid_request_error","message":"slow"}}'), 'throttled'],
    [HttpStatusError.from(502, { 'content-type': 'text/html' }, '<html><head><title>502 Bad Gateway</title></head></html>'), 'network', 'checkNetwork'],
  ];
  for (const [err, kind, action] of cases) {
    it(`${(err as Error).name}: ${(err as Error).message.slice(0, 40)} → ${kind}`, () => {
      const c = classifyError(err);
      assert.equal(c.kind, kind);
      if (action) assert.equal(c.action.id, action);
      assert.ok(c.message && c.action.label);
    });
  }

  it('the names Bedrock gives win over the OpenAI/Anthropic type, wherever they are', () => {
    assert.equal(HttpStatusError.from(400, {}, '{"__type":"com.amazon.bedrock#ServiceQuotaExceededException","message":"q"}').name, 'ServiceQuotaExceededException');
    assert.equal(HttpStatusError.from(400, {}, '{"code":"ValidationException","message":"m"}').name, 'ValidationException');
    assert.equal(HttpStatusError.fromEvent({ error: { type: 'server_error', code: 'ModelStreamErrorException', message: 'm' } }).status, 424);
    assert.equal(HttpStatusError.fromEvent({ error: { type: 'invalid_request_error', code: 'model_not_found', message: 'm' } }).status, 404);
  });

  it("a body that is not Bedrock's: the SDK's JSON deserialization error names the proxy, Details keep the parser's words", () => {
    const sdk = Object.assign(new SyntaxError('Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), {
      $metadata: { httpStatusCode: 200 },
      $response: { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } },
    });
    const c = classifyError(sdk);
    assert.equal(c.message, "The response was not Bedrock's: a proxy may be in the way.");
    assert.equal(c.detail, 'HTTP 200, text/html; charset=utf-8: Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON');
    const stream = Object.assign(new Error('Truncated event message received.'), { $metadata: { httpStatusCode: 200 }, $response: { headers: { 'content-type': 'text/html' } } });
    assert.equal(classifyError(stream).message, "The response was not Bedrock's: a proxy may be in the way.");
    assert.equal(classifyError(new Error('Truncated event message received.')).message, 'The connection to Bedrock failed or the stream was corrupted.');
  });

  it('SSE lines: a plain-text error event is that error; any other bad line is not Bedrock\'s, shown in Details', () => {
    const e = HttpStatusError.fromEvent(sseJson({ event: 'error', data: 'upstream connect error or disconnect/reset before headers' }));
    assert.equal(e.message, 'upstream connect error or disconnect/reset before headers');
    assert.equal(classifyError(e).kind, 'serviceError');
    let thrown: unknown;
    try {
      sseJson({ data: '<html><body>Blocked by policy</body></html>' });
    } catch (err) {
      thrown = err;
    }
    const c = classifyError(thrown);
    assert.equal(c.message, "The response was not Bedrock's: a proxy may be in the way.");
    assert.match(c.detail ?? '', /Blocked by policy/);
  });

  it('credential failures are one kind with a reason: expired, missing or rejected', () => {
    const reasonOf = (err: unknown) => classifyError(err).reason;
    assert.equal(reasonOf(sdkError('ExpiredTokenException', 'The security token included in the request is expired', 403)), 'expired');
    assert.equal(reasonOf(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })), 'missing');
    assert.equal(reasonOf(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403)), 'rejected');
    assert.equal(reasonOf(sdkError('ThrottlingException', 'Too many requests', 429)), undefined);
  });

  it('with an API key, credential errors offer "Set API key"', () => {
    assert.equal(classifyError(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403), { auth: 'apiKey' }).action.id, 'setApiKey');
  });

  it('idle timeout wins over the abort it causes', () => {
    const c = classifyError(Object.assign(new Error('aborted'), { name: 'AbortError' }), { idleTimeout: true, idleSeconds: 30 });
    assert.equal(c.kind, 'timeout');
    assert.match(c.message, /30 s/);
  });

  it('spots the fallbacks in the service messages', () => {
    assert.deepEqual(fallbackHint("Invocation of model ID anthropic.x with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model."), { kind: 'needsProfile' });
    assert.deepEqual(fallbackHint("This model doesn't support system messages."), { kind: 'noSystemPrompt' });
    assert.deepEqual(fallbackHint("This model doesn't support tool use in streaming mode."), { kind: 'noToolStreaming' });
    assert.deepEqual(fallbackHint("model xai.grok does not support the '/v1/chat/completions' API"), { kind: 'routeUnsupported' });
    assert.deepEqual(fallbackHint("model foo isn't supported on this route"), { kind: 'routeUnsupported' });
    assert.deepEqual(fallbackHint('The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.'), { kind: 'maxTokens', limit: 4096 });
    assert.equal(fallbackHint('Malformed input request: 2 schema violations found'), undefined);
  });

  it('never lets a secret into detail', () => {
    const c = classifyError(new Error('bad header Authorization: Bearer ABSKc2VjcmV0c2VjcmV0 and AKIAIOSFODNN7EXAMPLE'));
    assert.ok(!c.detail!.includes('ABSKc2VjcmV0c2VjcmV0'));
    assert.ok(!c.detail!.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.equal(redact('X-Amz-Signature=abcdef&x=1'), 'X-Amz-Signature=***&x=1');
  });
});
