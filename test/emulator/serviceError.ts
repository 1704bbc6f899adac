// A modeled service error the emulator answers with. Rendered as the restJson1 error shape on the
// AWS routes, as an exception frame inside event streams, and as the OpenAI / Anthropic error
// objects on the compatible endpoints.

export class ServiceError extends Error {
  override name = 'ServiceError';
  /** Sent as the `Retry-After` header when set. */
  retryAfter?: string;
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** lowerCamel union member name used as `:exception-type` in event streams. */
  get exceptionType(): string {
    return this.code.charAt(0).toLowerCase() + this.code.slice(1);
  }

  body(): Record<string, unknown> {
    return { message: this.message, ...this.extra };
  }
}

// Messages are the ones real Bedrock returns word for word. The router matches on them.
export const MESSAGES = {
  throttling: 'Too many requests, please wait before trying again.',
  throttlingTokens: 'Too many tokens, please wait before trying again.',
  quota: 'Too many tokens per day, please wait before trying again.',
  modelNotReady: 'Model is not ready for inference. Wait and try your request again.',
  serviceUnavailable: 'Bedrock is unable to process your request.',
  internal: 'The system encountered an unexpected error during processing. Try your request again.',
  accessDenied: "You don't have access to the model with the specified model ID.",
  expiredToken: 'The security token included in the request is expired',
  invalidToken: 'The security token included in the request is invalid.',
  missingAuth: 'Missing Authentication Token',
  modelTimeout: 'Model has timed out in processing the request. Try your request again.',
  invalidModel: 'The provided model identifier is invalid.',
  unsupportedAction: "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
  unsupportedStreaming: 'The model is unsupported for streaming.',
  noSystem: "This model doesn't support system messages.",
  noStreamingTools: "This model doesn't support tool use in streaming mode.",
  noTools: "This model doesn't support tool use.",
  noCountTokens: "The provided model doesn't support counting tokens.",
  modelStreamError: 'The model encountered an error while streaming the response.',
} as const;

export function onDemandMessage(modelId: string): string {
  return `Invocation of model ID ${modelId} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
}

export function maxTokensMessage(limit: number): string {
  return `The maximum tokens you requested exceeds the model limit of ${limit}. Try again with a maximum tokens value that is lower than ${limit}.`;
}

/** JSON-schema validation failures come back in this exact form. */
export function schemaMessage(detail: string): string {
  return `Malformed input request: ${detail}, please reformat your input and try again.`;
}

export const validation = (message: string): ServiceError => new ServiceError('ValidationException', 400, message);
export const notFound = (message: string): ServiceError => new ServiceError('ResourceNotFoundException', 404, message);

export type ErrorFaultKind =
  | 'throttling'
  | 'modelNotReady'
  | 'serviceUnavailable'
  | 'internal'
  | 'accessDenied'
  | 'expiredToken'
  | 'invalidToken'
  | 'modelTimeout'
  | 'quotaExceeded'
  | 'validation'
  | 'modelError'
  | 'modelStreamError';

/** Each fault kind's exception: its code, HTTP status, message unless the fault names one, and extra fields. */
const FAULT_ERRORS: Record<ErrorFaultKind, { code: string; status: number; message: string; extra?: Record<string, unknown> }> = {
  throttling: { code: 'ThrottlingException', status: 429, message: MESSAGES.throttling },
  modelNotReady: { code: 'ModelNotReadyException', status: 429, message: MESSAGES.modelNotReady },
  serviceUnavailable: { code: 'ServiceUnavailableException', status: 503, message: MESSAGES.serviceUnavailable },
  internal: { code: 'InternalServerException', status: 500, message: MESSAGES.internal },
  accessDenied: { code: 'AccessDeniedException', status: 403, message: MESSAGES.accessDenied },
  expiredToken: { code: 'ExpiredTokenException', status: 403, message: MESSAGES.expiredToken },
  invalidToken: { code: 'UnrecognizedClientException', status: 403, message: MESSAGES.invalidToken },
  modelTimeout: { code: 'ModelTimeoutException', status: 408, message: MESSAGES.modelTimeout },
  quotaExceeded: { code: 'ServiceQuotaExceededException', status: 400, message: MESSAGES.quota },
  validation: { code: 'ValidationException', status: 400, message: 'Malformed input request, please reformat your input and try again.' },
  modelError: { code: 'ModelErrorException', status: 424, message: 'The model returned an error.', extra: { originalStatusCode: 500, resourceName: 'model' } },
  modelStreamError: { code: 'ModelStreamErrorException', status: 424, message: MESSAGES.modelStreamError, extra: { originalStatusCode: 500, originalMessage: 'Internal model error' } },
};

export function errorForKind(kind: ErrorFaultKind, message?: string, status?: number): ServiceError {
  const error = FAULT_ERRORS[kind];
  return new ServiceError(error.code, status ?? error.status, message ?? error.message, error.extra);
}

/** OpenAI-compatible endpoints answer errors in OpenAI's shape. */
export function openAiErrorBody(err: ServiceError): object {
  const type =
    err.status === 429 ? 'rate_limit_error' : err.status === 403 || err.status === 401 ? 'permission_error' : err.status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message: err.message, type, code: err.code, param: null } };
}

/** Anthropic-compatible endpoint answers errors in Anthropic's shape. */
export function anthropicErrorBody(err: ServiceError): object {
  const type =
    err.status === 429
      ? 'rate_limit_error'
      : err.status === 403
        ? 'permission_error'
        : err.status === 401
          ? 'authentication_error'
          : err.status === 404
            ? 'not_found_error'
            : err.status === 503 || err.status === 529
              ? 'overloaded_error'
              : // A model's failure (424) is the server's side, as Anthropic's api_error.
                err.status >= 500 || err.status === 424
                ? 'api_error'
                : 'invalid_request_error';
  return { type: 'error', error: { type, message: err.message } };
}
