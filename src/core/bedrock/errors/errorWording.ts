// How each failure reads to the user: its kind, message and action. classifyError decides which
// failure it is; this table alone decides what the user reads and which button they get.
import { errorAction, type ClassifiedError, type CredentialsReason, type ErrorActionId, type ErrorKind } from './classifiedError';

/** What classifyError found, finer than the kind the UI switches on: each has its own wording. */
export type Failure =
  | 'idleTimeout'
  | 'cancelled'
  | 'notBedrock'
  | 'throttled'
  | 'quotaUsedUp'
  | 'credentialsExpired'
  | 'credentialsMissing'
  | 'credentialsRejected'
  | 'modelNotEnabled'
  | 'accessDenied'
  | 'modelTimeout'
  | 'endOfLife'
  | 'unknownModel'
  | 'requestRejected'
  | 'connectionFailed'
  | 'overloaded'
  | 'modelNotReady'
  | 'serviceError'
  | 'unexpected';

/** What a wording may depend on besides the failure itself. */
export interface WordingFacts {
  /** The service's own text, already redacted. */
  detail: string;
  idleSeconds?: number;
  /** Signed with AWS credentials rather than a Bedrock API key. */
  sigv4: boolean;
  /** The request named a `global.` profile, which an organisation policy may forbid. */
  globalProfile: boolean;
  /** The service said this model needs an inference profile. */
  needsProfile: boolean;
  /** An endpoint setting points away from AWS's public hosts: a network failure is likelier there than in the proxy. */
  endpointOverride: boolean;
}

type Fact<T> = T | ((f: WordingFacts) => T);

interface Wording {
  kind: ErrorKind;
  reason?: CredentialsReason;
  message: Fact<string>;
  action: Fact<ErrorActionId>;
}

const networkAction = (f: WordingFacts): ErrorActionId => (f.endpointOverride ? 'checkEndpoints' : 'checkNetwork');

const WORDING: Record<Failure, Wording> = {
  idleTimeout: { kind: 'timeout', message: (f) => `The model stopped responding (no data for ${f.idleSeconds ?? '?'} s).`, action: 'retry' },
  cancelled: { kind: 'cancelled', message: 'Request cancelled.', action: 'none' },
  notBedrock: { kind: 'network', message: "The response was not Bedrock's: a proxy may be in the way.", action: networkAction },
  throttled: { kind: 'throttled', message: 'Bedrock is throttling requests (too many requests or tokens). Wait a moment and retry.', action: 'retry' },
  quotaUsedUp: { kind: 'throttled', message: 'Your Bedrock quota for this model is used up for now. Retry later or request a quota increase.', action: 'retry' },
  credentialsExpired: { kind: 'credentials', reason: 'expired', message: 'Your AWS credentials have expired.', action: (f) => (f.sigv4 ? 'ssoLogin' : 'setApiKey') },
  credentialsMissing: {
    kind: 'credentials',
    reason: 'missing',
    message: 'No AWS credentials found. Sign in with the AWS CLI, choose a profile, or set a Bedrock API key.',
    action: 'openSettings',
  },
  credentialsRejected: { kind: 'credentials', reason: 'rejected', message: 'Bedrock rejected your credentials.', action: (f) => (f.sigv4 ? 'reloadCredentials' : 'setApiKey') },
  modelNotEnabled: { kind: 'modelNotEnabled', message: 'This model is not enabled for your account in this region.', action: 'requestModelAccess' },
  accessDenied: { kind: 'accessDenied', message: 'Access denied by AWS (IAM or organisation policy).', action: (f) => (f.globalProfile ? 'chooseProfile' : 'openSettings') },
  modelTimeout: { kind: 'timeout', message: 'The model took too long to respond.', action: 'retry' },
  endOfLife: { kind: 'validation', message: 'This model version has reached end of life. Pick a newer model.', action: 'chooseProfile' },
  unknownModel: { kind: 'validation', message: 'Bedrock does not know this model or profile in this region.', action: 'chooseProfile' },
  requestRejected: { kind: 'validation', message: (f) => `Bedrock rejected the request: ${f.detail}`, action: (f) => (f.needsProfile ? 'chooseProfile' : 'none') },
  connectionFailed: { kind: 'network', message: 'The connection to Bedrock failed or the stream was corrupted.', action: networkAction },
  overloaded: { kind: 'serviceError', message: 'Bedrock is busy right now (overloaded). Retry in a moment.', action: 'retry' },
  modelNotReady: { kind: 'serviceError', message: 'The model is not ready yet. Retry in a moment.', action: 'retry' },
  serviceError: { kind: 'serviceError', message: 'Bedrock had a temporary problem.', action: 'retry' },
  unexpected: { kind: 'serviceError', message: (f) => `Unexpected error: ${f.detail}`, action: 'retry' },
};

export function wordFailure(failure: Failure, facts: WordingFacts): Pick<ClassifiedError, 'kind' | 'reason' | 'message' | 'action'> {
  const w = WORDING[failure];
  const message = typeof w.message === 'function' ? w.message(facts) : w.message;
  const action = errorAction(typeof w.action === 'function' ? w.action(facts) : w.action);
  return w.reason ? { kind: w.kind, reason: w.reason, message, action } : { kind: w.kind, message, action };
}
