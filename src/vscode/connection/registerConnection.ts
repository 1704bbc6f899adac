// Registers the connection's face: the status bar (region and credential source), its menu, and
// the commands that change where requests go and with which credentials. Each command writes a
// setting or a secret; the connection follows, and every change refreshes the model list.
import type * as vscode from 'vscode';
import type { Catalog } from '../../core/bedrock/catalog/catalog';
import type { BedrockConnection } from '../../core/bedrock/connection/connection';
import { endpointOverrides } from '../../core/bedrock/connection/endpointOverrides';
import { BEDROCK_REGIONS } from '../../core/bedrock/connection/regions';
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
  /** Its refreshes say whether the control endpoint (and bedrock-mantle's list) answered. */
  catalog: Pick<Catalog, 'state' | 'error' | 'mantleError' | 'region' | 'onDidChange'>;
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
  // Which endpoint failed, for the status bar: the model list comes from the control endpoint, and
  // from bedrock-mantle where the region has it (or its endpoint is set).
  const { catalog } = deps;
  const onRefresh = catalog.onDidChange(() => {
    if (catalog.state === 'refreshing') return;
    const failure = (e: typeof catalog.error) => (e && e.kind !== 'cancelled' ? { doing: 'listing models', message: e.message } : undefined);
    status.setFailure('control', failure(catalog.error));
    const hasMantle = BEDROCK_REGIONS.some((r) => r.id === catalog.region && r.mantle) || endpointOverrides(connection.info).some((o) => o.endpoint === 'mantle');
    if (catalog.state === 'fresh') status.setFailure('mantle', hasMantle ? failure(catalog.mantleError) : undefined);
  });
  const commands = {
    ...connectionCommands({ currentRegion: () => connection.info.region, currentProfile: () => connection.info.profile, log }),
    'bedrock.connectionMenu': () => showConnectionMenu(connection.info, status.failures),
    'bedrock.setApiKey': () => promptForApiKey(deps.secrets),
    'bedrock.ssoLogin': runSsoLogin,
    'bedrock.reloadCredentials': () => {
      connection.resetCredentials();
      void deps.refreshModels();
    },
    'bedrock.manageTrustedEndpoints': () => deps.trustedEndpoints.manage(connection),
  };
  const registration = { commands, disposables: [status, onChange, onRefresh] } satisfies FeatureRegistration;
  return { ...registration, status };
}
