import * as vscode from 'vscode';

export const LOG_CHANNEL_NAME = 'Bedrock Workbench';

/** One log channel for the whole extension; secrets never go in here (see core/redact). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}
