// Every notification whose text is built at run time goes through here (lint-enforced), so a
// credential quoted in an error, a file name or a setting value is redacted before it is shown.
import * as vscode from 'vscode';
import { redact } from '../core/bedrock/errors/redact';

type Show = typeof vscode.window.showInformationMessage;
type Loose = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/** A modal's `detail` is shown too; the items after it are our own button labels. */
const redactOptions = (first: unknown): unknown =>
  first && typeof first === 'object' && typeof (first as vscode.MessageOptions).detail === 'string'
    ? { ...first, detail: redact((first as vscode.MessageOptions).detail!) }
    : first;

const redacting = (show: () => Show): Show =>
  ((message: string, ...rest: unknown[]) =>
    (show() as Loose).call(vscode.window, redact(message), ...(rest.length ? [redactOptions(rest[0]), ...rest.slice(1)] : []))) as Show;

// Looked up on each call, not captured: tests replace the window functions to observe notifications.
export const showErrorMessage = redacting(() => vscode.window.showErrorMessage);
export const showWarningMessage = redacting(() => vscode.window.showWarningMessage);
export const showInformationMessage = redacting(() => vscode.window.showInformationMessage);
