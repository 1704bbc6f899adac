import * as vscode from 'vscode';
import { redactingLog } from './redactingLog';

export const LOG_CHANNEL_NAME = 'Bedrock Workbench';

/** One log channel for the whole extension; every line is redacted before it is written. */
export function createLog(): vscode.LogOutputChannel {
  return redactingLog(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }));
}
