import * as vscode from 'vscode';
import type { ConnectionSettings } from '../../core/bedrock/connection/connectionSettings';
import { BedrockConnection } from '../../core/bedrock/connection/connection';
import { Disposable } from '../../core/lifecycle';
import { showErrorMessage } from '../notify';
import { CONNECTION_SETTING_NAMES } from '../../core/settings/settingsTable';
import { onDidChangeSettings, readSetting } from '../settings';

/** SecretStorage key of the Bedrock API key. Never a setting: settings sync and get shared. */
export const API_KEY_SECRET = 'bedrock.apiKey';

/** The connection's settings, validated and from user settings only (see `readSetting`). */
export function readConnectionSettings(apiKey: string | undefined): ConnectionSettings {
  const str = (name: (typeof CONNECTION_SETTING_NAMES)[number]) => readSetting(name) || undefined;
  return {
    region: str('region'),
    profile: str('profile'),
    apiKey,
    endpoints: { control: str('controlEndpoint'), runtime: str('runtimeEndpoint'), mantle: str('mantleEndpoint'), s3: str('s3Endpoint') },
    proxy: str('proxy'),
  };
}

/**
 * Owns the BedrockConnection and keeps it in step with settings and the stored API key: any change
 * rebuilds the clients (the connection drops its cached clients and credentials).
 */
export class ConnectionSettingsSource extends Disposable {
  readonly connection: BedrockConnection;

  private constructor(
    private readonly secrets: vscode.SecretStorage,
    apiKey: string | undefined,
  ) {
    super();
    this.connection = this._register(new BedrockConnection(readConnectionSettings(apiKey)));
    // Only what the connection is built from: changing e.g. the default chat model must not
    // rebuild clients or refetch the catalog.
    this._register(onDidChangeSettings(CONNECTION_SETTING_NAMES, () => void this.reload()));
    this._register(secrets.onDidChange((e) => e.key === API_KEY_SECRET && void this.reload()));
  }

  static async create(secrets: vscode.SecretStorage): Promise<ConnectionSettingsSource> {
    return new ConnectionSettingsSource(secrets, await readApiKey(secrets));
  }

  private async reload(): Promise<void> {
    this.connection.update(readConnectionSettings(await readApiKey(this.secrets)));
  }
}

async function readApiKey(secrets: vscode.SecretStorage): Promise<string | undefined> {
  try {
    return (await secrets.get(API_KEY_SECRET)) || undefined;
  } catch {
    // A locked or unavailable keychain must not stop the extension: the credential chain still works.
    return undefined;
  }
}

/** `bedrock.setApiKey`: stores (or removes) the key in SecretStorage; it never touches settings or logs. */
export async function promptForApiKey(secrets: vscode.SecretStorage): Promise<void> {
  const stored = await readApiKey(secrets);
  const value = await vscode.window.showInputBox({
    title: 'Bedrock API key',
    prompt: stored
      ? 'A key is stored. Enter a new key to replace it, or leave empty and press Enter to remove it.'
      : 'Paste a Bedrock API key (from the Bedrock console → API keys). It is kept in VS Code’s secret storage.',
    password: true,
    ignoreFocusOut: true,
    placeHolder: 'ABSK…',
    validateInput: (v) => (/\s/.test(v.trim()) ? 'An API key has no spaces' : undefined),
  });
  if (value === undefined) return;
  const key = value.trim();
  try {
    if (key) {
      await secrets.store(API_KEY_SECRET, key);
      void vscode.window.showInformationMessage('Bedrock API key saved in secret storage. Requests now use it as a bearer token.');
    } else if (stored) {
      await secrets.delete(API_KEY_SECRET);
      void vscode.window.showInformationMessage('Bedrock API key removed. Requests use your AWS credentials again.');
    }
  } catch (e) {
    void showErrorMessage(
      `Could not save the API key to secret storage (${e instanceof Error ? e.message : String(e)}). Nothing changed; alternatively set AWS_BEARER_TOKEN_BEDROCK in your environment.`,
    );
  }
}
