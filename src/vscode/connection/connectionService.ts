// The thin glue between VS Code and the core connection: reads `bedrock.*` settings and
// `http.proxy`, keeps the Bedrock API key in SecretStorage (never in settings, never logged), and
// rebuilds the connection when any of them change. The lead wires it in extension.ts:
//   const conn = context.subscriptions.push(new ConnectionService(context)) …
//   command `bedrock.setApiKey` → conn.setApiKey()
import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { BedrockConnection } from '../../core/bedrock/connection';
import type { ConnectionSettings } from '../../core/bedrock/connectionSettings';

export const API_KEY_SECRET = 'bedrock.apiKey';

/** Settings → ConnectionSettings. Pure apart from reading the configuration object it is given. */
export function readConnectionSettings(bedrock: vscode.WorkspaceConfiguration, http: vscode.WorkspaceConfiguration, apiKey: string | undefined): ConnectionSettings {
  const str = (k: string) => (bedrock.get<string>(k) ?? '').trim() || undefined;
  return {
    region: str('region'),
    profile: str('profile'),
    apiKey: apiKey || undefined,
    endpoints: { control: str('endpoints.control'), runtime: str('endpoints.runtime'), mantle: str('endpoints.mantle') },
    proxy: (http.get<string>('proxy') ?? '').trim() || undefined,
  };
}

export class ConnectionService extends Disposable {
  /** Created at once (no SDK load, no I/O); the API key is applied when SecretStorage answers. */
  readonly connection: BedrockConnection;
  private apiKey: string | undefined;

  constructor(private readonly context: Pick<vscode.ExtensionContext, 'secrets'>) {
    super();
    this.connection = this._register(new BedrockConnection(this.read()));
    void this.loadSecret();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('bedrock.region') || e.affectsConfiguration('bedrock.profile') || e.affectsConfiguration('bedrock.endpoints') || e.affectsConfiguration('http.proxy')) {
          this.connection.update(this.read());
        }
      }),
    );
    this._register(context.secrets.onDidChange((e) => e.key === API_KEY_SECRET && void this.loadSecret()));
  }

  /** Idle timeout for chat streams, from `bedrock.stream.idleTimeoutSeconds`. */
  get idleTimeoutSeconds(): number {
    return vscode.workspace.getConfiguration('bedrock').get<number>('stream.idleTimeoutSeconds') ?? 60;
  }

  private read(): ConnectionSettings {
    return readConnectionSettings(vscode.workspace.getConfiguration('bedrock'), vscode.workspace.getConfiguration('http'), this.apiKey);
  }

  private async loadSecret(): Promise<void> {
    const key = await this.context.secrets.get(API_KEY_SECRET);
    if (key === this.apiKey) return;
    this.apiKey = key;
    this.connection.update(this.read());
  }

  /** Handler of `bedrock.setApiKey`: prompts (masked), stores in SecretStorage; empty input removes the key. */
  async setApiKey(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: 'Bedrock: Set API Key',
      prompt: 'Paste a Bedrock API key. It is stored in the OS keychain via VS Code SecretStorage. Leave empty to remove the stored key.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'ABSK… or bedrock-api-key-…',
    });
    if (value === undefined) return;
    const key = value.trim();
    if (key) await this.context.secrets.store(API_KEY_SECRET, key);
    else await this.context.secrets.delete(API_KEY_SECRET);
    void vscode.window.showInformationMessage(key ? 'Bedrock API key saved.' : 'Bedrock API key removed.');
  }
}
