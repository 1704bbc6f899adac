// Registers the connection's face: the status bar (region and credential source), its menu, and
// the commands that change where requests go and with which credentials. Each command writes a
// setting or a secret; the connection follows, and every change refreshes the model list.
import type * as vscode from 'vscode';
import type { BedrockConnection } from '../../core/bedrock/connection/connection';
import type { FeatureRegistration } from '../commands';
import { connectionCommands } from './connectionCommands';
import { promptForApiKey } from './connectionSettingsSource';
import { ConnectionStatusBar, showConnectionMenu } from './connectionStatusBar';
import { runSsoLogin } from './ssoLogin';
import type { TrustedEndpoints } from './trustedEndpoints';

export interface ConnectionFeatureDeps {
  connection: BedrockConnection;
  secrets: vscode.SecretStorage;
  trustedEndpoints: TrustedEndpoints;
  /** Lists the models again (after any connection change, and on Reload Credentials). */
  refreshModels(): unknown;
  log: vscode.LogOutputChannel;
}

export function registerConnection(deps: ConnectionFeatureDeps) {
  const { connection, log } = deps;
  const status = new ConnectionStatusBar();
  status.update(connection.info);
  const onChange = connection.onDidChange((info) => {
    status.update(info);
    log.info(`Connection changed: region ${info.region}, credentials ${info.auth}${info.profile ? ` (profile ${info.profile})` : ''}`);
    void deps.refreshModels();
  });
  const commands = {
    ...connectionCommands({ currentRegion: () => connection.info.region, currentProfile: () => connection.info.profile, log }),
    'bedrock.connectionMenu': () => showConnectionMenu(connection.info),
    'bedrock.setApiKey': () => promptForApiKey(deps.secrets),
    'bedrock.ssoLogin': runSsoLogin,
    'bedrock.reloadCredentials': () => {
      connection.resetCredentials();
      void deps.refreshModels();
    },
    'bedrock.manageTrustedEndpoints': () => deps.trustedEndpoints.manage(connection),
  };
  return { commands, disposables: [status, onChange] } satisfies FeatureRegistration;
}
