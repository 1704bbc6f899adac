// The small set of failures the UI distinguishes, each with a plain message and one action.

export type ErrorKind =
  | 'throttled'
  | 'expiredCredentials'
  | 'accessDenied'
  | 'modelNotEnabled'
  | 'validation'
  | 'timeout'
  | 'network'
  | 'cancelled'
  /** Service-side 5xx / model not ready: transient, not the user's fault. */
  | 'serviceError'
  /** An endpoint the credentials may not go to: nothing was sent. */
  | 'untrustedEndpoint';

export type ErrorActionId =
  | 'retry'
  | 'ssoLogin'
  | 'reloadCredentials'
  | 'setApiKey'
  | 'requestModelAccess'
  | 'checkNetwork'
  | 'openSettings'
  | 'chooseProfile'
  /** Review which endpoint origins may receive credentials (trust or revoke). */
  | 'trustEndpoint'
  | 'none';

export interface ErrorAction {
  id: ErrorActionId;
  label: string;
}

/** A capability problem the router can work around by changing route. */
export type FallbackHint =
  | { kind: 'needsProfile' }
  | { kind: 'noSystemPrompt' }
  | { kind: 'noToolStreaming' }
  | { kind: 'noStreaming' }
  | { kind: 'routeUnsupported' }
  /** The host does not know the model id it was given (another host or id form may). */
  | { kind: 'unknownModel' }
  | { kind: 'maxTokens'; limit: number };

export interface ClassifiedError {
  kind: ErrorKind;
  message: string;
  action: ErrorAction;
  /** The service's exception name, when known (ThrottlingException, …). */
  code?: string;
  status?: number;
  /** The service's own text, for the log and "details". Never contains credentials. */
  detail?: string;
  fallback?: FallbackHint;
}

/** Thrown by core code; carries the classification so callers need not re-classify. */
export class BedrockError extends Error {
  override readonly name = 'BedrockError';
  constructor(
    readonly classified: ClassifiedError,
    options?: { cause?: unknown },
  ) {
    super(classified.message, options);
  }
}
