import type * as vscode from 'vscode';
import { createLog } from './vscode/log';
import { registerCommands } from './vscode/commands';

/** What activate() hands back: used by the in-extension-host tests, not a public API. */
export interface WorkbenchApi {
  readonly log: vscode.LogOutputChannel;
}

export function activate(context: vscode.ExtensionContext): WorkbenchApi {
  const log = createLog();
  context.subscriptions.push(log);
  context.subscriptions.push(
    ...registerCommands({
      'bedrock.showLog': () => log.show(),
    }),
  );
  log.info(`Bedrock Workbench ${context.extension.packageJSON.version} activated`);
  return { log };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
