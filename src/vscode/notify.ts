// Every notification whose text is built at run time goes through here (lint-enforced), so a
// credential quoted in an error, a file name or a setting value is redacted before it is shown.
import * as vscode from 'vscode';
import { redact } from '../core/bedrock/redact';

type Show = typeof vscode.window.showInformationMessage;
type Loose = (message: string, ...rest: unknown[]) => Thenable<unknown>;

const redacting = (show: () => Show): Show => ((message: string, ...rest: unknown[]) => (show() as Loose).call(vscode.window, redact(message), ...rest)) as Show;

// Looked up on each call, not captured: tests replace the window functions to observe notifications.
export const showErrorMessage = redacting(() => vscode.window.showErrorMessage);
export const showWarningMessage = redacting(() => vscode.window.showWarningMessage);
export const showInformationMessage = redacting(() => vscode.window.showInformationMessage);
