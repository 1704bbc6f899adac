import * as vscode from 'vscode';
import { ssoLoginArgs, type SsoLoginPlan } from '../../core/bedrock/connection/ssoLogin';
import { showErrorMessage } from '../notify';
import { readSettingAsWritten } from '../settings';

/**
 * `bedrock.ssoLogin`: runs the AWS CLI in a terminal with an argument vector, so nothing in the
 * profile name is ever read by a shell. Returns what it did (the tests read it).
 */
export async function runSsoLogin(): Promise<SsoLoginPlan> {
  const profile = readSettingAsWritten('profile');
  const plan = ssoLoginArgs(profile);
  if (!plan.ok) {
    void showErrorMessage(plan.message, 'Choose AWS Profile').then((c) => c && vscode.commands.executeCommand('bedrock.selectProfile'));
    return plan;
  }
  const terminal = vscode.window.createTerminal({ name: 'AWS SSO login', shellPath: 'aws', shellArgs: plan.args });
  terminal.show();
  return plan;
}
