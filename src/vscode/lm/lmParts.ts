// VS Code's language-model parts to and from the plain shapes core maps. Parts are read by shape,
// not by class: another extension's parts arrive as the host's own classes, but a newer VS Code may
// add part types, and those must not break a request.
import * as vscode from 'vscode';
import type { ClassifiedError } from '../../core/bedrock/errors/classifiedError';
import { redact } from '../../core/bedrock/errors/redact';
import type { LmMessage, LmPart } from '../../core/lm/lmRequest';

type Loose = Record<string, unknown>;

export function toLmPart(part: unknown): LmPart {
  if (typeof part === 'string') return { kind: 'text', value: part };
  const p = (typeof part === 'object' && part !== null ? part : {}) as Loose;
  if (typeof p.value === 'string' && !('callId' in p)) return { kind: 'text', value: p.value };
  if (typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p) return { kind: 'toolCall', callId: p.callId, name: p.name, input: p.input };
  if (typeof p.callId === 'string' && Array.isArray(p.content)) return { kind: 'toolResult', callId: p.callId, content: p.content.map(toLmPart), isError: p.isError === true || undefined };
  if (typeof p.mimeType === 'string' && p.data instanceof Uint8Array) return { kind: 'data', mimeType: p.mimeType, data: p.data };
  let json: string;
  try {
    json = JSON.stringify('value' in p ? p.value : p) ?? '';
  } catch {
    json = '';
  }
  return { kind: 'other', json };
}

export function toLmMessage(m: vscode.LanguageModelChatRequestMessage): LmMessage {
  return { role: m.role, content: m.content.map(toLmPart) };
}

/** A tool call's input as VS Code wants it: an object, whatever the model produced. */
export function toolCallPart(id: string, name: string, input: unknown): vscode.LanguageModelToolCallPart {
  const obj = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as object) : { input };
  return new vscode.LanguageModelToolCallPart(id, name, obj);
}

/** What the user reads: our wording of the failure and the one thing to do about it. */
export function errorText(c: ClassifiedError): string {
  const next = c.action.id === 'none' || c.action.id === 'retry' ? '' : ` Next step: ${c.action.label}.`;
  return redact(`Amazon Bedrock: ${c.message}${next}`);
}

/**
 * A classified failure as VS Code's error type. Its three named codes cover who may not use a
 * model and a model that does not exist; every other failure keeps our message with no code.
 */
export function toLanguageModelError(c: ClassifiedError): vscode.LanguageModelError {
  const text = errorText(c);
  switch (c.kind) {
    case 'credentials':
    case 'accessDenied':
    case 'modelNotEnabled':
    case 'untrustedEndpoint':
      return vscode.LanguageModelError.NoPermissions(text);
    default:
      return c.fallback?.kind === 'unknownModel' ? vscode.LanguageModelError.NotFound(text) : new vscode.LanguageModelError(text);
  }
}
