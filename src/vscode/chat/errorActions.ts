// What the buttons of an inline chat error do: one entry per action in the error model, each an
// extension command, a settings page or the console's model-access page.
import * as vscode from 'vscode';
import type { ErrorActionId } from '../../core/bedrock/errors/classifiedError';
import type { CommandId } from '../commandIds';

const MODEL_ACCESS_URL = 'https://console.aws.amazon.com/bedrock/home#/modelaccess';

const command = (id: CommandId) => () => vscode.commands.executeCommand(id);
const settings = (query: string) => () => vscode.commands.executeCommand('workbench.action.openSettings', query);

const RUN: Record<ErrorActionId, () => Thenable<unknown> | undefined> = {
  ssoLogin: command('bedrock.ssoLogin'),
  reloadCredentials: command('bedrock.reloadCredentials'),
  trustEndpoint: command('bedrock.manageTrustedEndpoints'),
  setApiKey: command('bedrock.setApiKey'),
  // The explorer lists every model with its inference profiles nested under it (not the AWS profile picker).
  chooseProfile: () => vscode.commands.executeCommand('bedrock.models.focus'),
  requestModelAccess: () => vscode.env.openExternal(vscode.Uri.parse(MODEL_ACCESS_URL)),
  checkNetwork: settings('http.proxy'),
  checkEndpoints: settings('bedrock.endpoints'),
  openSettings: settings('bedrock'),
  // The chat host does not run these two: every failed turn has its own Retry button, and OK does nothing.
  retry: () => undefined,
  none: () => undefined,
};

export async function runChatErrorAction(id: ErrorActionId): Promise<void> {
  await RUN[id]();
}
