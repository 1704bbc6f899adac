// The few core names the chat webview shows or switches on, re-exported here so that webview-ui
// depends on src/shared alone (lint-enforced) while core stays their single definition.
export { API_LABELS, type ApiId } from '../core/bedrock/catalog/apiId';
export type { StopReason } from '../core/bedrock/adapters/chatEvent';
export { errorAction, type ErrorActionId } from '../core/bedrock/errors/classifiedError';
export { REASONING_LEVELS, canTurnReasoningOff, type ReasoningLevel, type ReasoningStyle } from '../core/bedrock/catalog/reasoningSupport';
