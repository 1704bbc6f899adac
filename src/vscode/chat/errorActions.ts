// What the buttons of an inline chat error do. Commands owned by other parts of the extension are
// used when registered; otherwise the user lands on the setting that fixes the problem.
import * as vscode from 'vscode';
import type { ErrorActionId } from '../../core/bedrock/classifiedError';

const MODEL_ACCESS_URL = 'https://console.aws.amazon.com/bedrock/home#/modelaccess';

export async function runChatErrorAction(id: ErrorActionId): Promise<void> {
  const commands = new Set(await vscode.commands.getCommands(true));
  const tryCommand = async (cmd: string) => {
    if (!commands.has(cmd)) return false;
    await vscode.commands.executeCommand(cmd);
    return true;
  };
  const settings = (query: string) => vscode.commands.executeCommand('workbench.action.openSettings', query);
  switch (id) {
    case 'ssoLogin':
      await vscode.commands.executeCommand('bedrock.ssoLogin');
      return;
    case 'reloadCredentials':
      await vscode.commands.executeCommand('bedrock.reloadCredentials');
      return;
    case 'trustEndpoint':
      await vscode.commands.executeCommand('bedrock.manageTrustedEndpoints');
      return;
    case 'setApiKey':
      if (!(await tryCommand('bedrock.setApiKey'))) await settings('bedrock');
      return;
    case 'requestModelAccess':
      await vscode.env.openExternal(vscode.Uri.parse(MODEL_ACCESS_URL));
      return;
    case 'checkNetwork':
      await settings('http.proxy');
      return;
    case 'chooseProfile':
      if (!(await tryCommand('bedrock.selectProfile'))) await settings('bedrock.profile');
      return;
    case 'openSettings':
      await settings('bedrock');
      return;
    case 'retry':
    case 'none':
      return;
  }
}
