// The small set of failures the UI distinguishes, each with a plain message and one action.

export type ErrorKind =
  | 'throttled'
  /** The credentials did not work; `reason` says how. */
  | 'credentials'
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

// Listed as object keys so the compiler says when a kind is added and not listed here.
export const ERROR_KINDS = Object.keys({
  throttled: 1,
  credentials: 1,
  accessDenied: 1,
  modelNotEnabled: 1,
  validation: 1,
  timeout: 1,
  network: 1,
  cancelled: 1,
  serviceError: 1,
  untrustedEndpoint: 1,
} satisfies Record<ErrorKind, 1>) as ErrorKind[];

/** Why credentials failed: they expired, none were found, or the service refused them. */
export type CredentialsReason = 'expired' | 'missing' | 'rejected';

/**
 * Every action a failure can offer, with its button label. The classifier, the webview message
 * gate, stored chat history and the chat panel all read this one table.
 */
export const ERROR_ACTIONS = {
  retry: 'Retry',
  ssoLogin: 'Run `aws sso login`',
  reloadCredentials: 'Reload credentials',
  setApiKey: 'Set API key',
  requestModelAccess: 'Request model access',
  checkNetwork: 'Check network and proxy settings',
  /** A network failure while `bedrock.endpoints.*` points elsewhere: that setting is the likelier cause. */
  checkEndpoints: 'Open endpoint settings',
  openSettings: 'Open Bedrock settings',
  /** Another model, or an inference profile of this one: both are listed in the model explorer. */
  chooseProfile: 'Show models and inference profiles',
  /** Review which endpoint origins may receive credentials (trust or revoke). */
  trustEndpoint: 'Review trusted endpoints…',
  none: 'OK',
} as const;

export type ErrorActionId = keyof typeof ERROR_ACTIONS;

export const ERROR_ACTION_IDS = Object.keys(ERROR_ACTIONS) as ErrorActionId[];

export interface ErrorAction {
  id: ErrorActionId;
  label: string;
}

export function isErrorKind(x: unknown): x is ErrorKind {
  return typeof x === 'string' && (ERROR_KINDS as readonly string[]).includes(x);
}

export function isErrorActionId(x: unknown): x is ErrorActionId {
  return typeof x === 'string' && Object.hasOwn(ERROR_ACTIONS, x);
}

export function errorAction(id: ErrorActionId): ErrorAction {
  return { id, label: ERROR_ACTIONS[id] };
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
  /** For `credentials`: how they failed. */
  reason?: CredentialsReason;
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
