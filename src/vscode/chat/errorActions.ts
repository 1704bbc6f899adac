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
    case 'ssoLogin': {
      if (await tryCommand('bedrock.ssoLogin')) return;
      const profile = vscode.workspace.getConfiguration('bedrock').get<string>('profile');
      const terminal = vscode.window.createTerminal('AWS SSO login');
      terminal.show();
      // Shown, not run: the user confirms with Enter, and sees which profile is used.
      terminal.sendText(`aws sso login${profile ? ` --profile ${JSON.stringify(profile)}` : ''}`, false);
      return;
    }
    case 'reloadCredentials':
      if (!(await tryCommand('bedrock.reloadCredentials'))) await settings('bedrock.profile');
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
