import * as vscode from 'vscode';
import { credentialSourceLabel, type ConnectionInfo } from '../../core/bedrock/connection/connectionSettings';
import { Disposable } from '../../core/lifecycle';

/** Region and credential source at a glance; clicking offers region, profile and API key. */
export class ConnectionStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('bedrock.connection', vscode.StatusBarAlignment.Left, 50));

  constructor() {
    super();
    this.item.name = 'Bedrock Connection';
    this.item.command = 'bedrock.connectionMenu';
  }

  update(info: ConnectionInfo): void {
    const source = credentialSourceLabel(info);
    this.item.text = `$(cloud) ${info.region} · ${source}`;
    const md = new vscode.MarkdownString(
      [
        '**Bedrock Workbench**',
        '',
        `Region: \`${info.region}\` (from ${info.regionSource})`,
        `Credentials: ${source}`,
        info.proxy ? 'Proxy: configured' : '',
        '',
        'Click to change region, AWS profile or API key.',
      ]
        .filter((l, i, a) => l || a[i - 1])
        .join('  \n'),
    );
    this.item.tooltip = md;
    this.item.show();
  }
}

export async function showConnectionMenu(info: ConnectionInfo): Promise<void> {
  const items: (vscode.QuickPickItem & { command: string })[] = [
    { label: '$(globe) Select Region…', description: info.region, command: 'bedrock.selectRegion' },
    { label: '$(account) Choose AWS Profile…', description: info.profile ?? 'default chain', command: 'bedrock.selectProfile' },
    { label: '$(key) Set API Key…', description: info.auth === 'apiKey' ? 'a key is stored' : undefined, command: 'bedrock.setApiKey' },
    { label: '$(shield) Trusted Endpoints…', description: 'hosts outside AWS that may receive your credentials', command: 'bedrock.manageTrustedEndpoints' },
    { label: '$(output) Show Log', command: 'bedrock.showLog' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Bedrock: ${info.region} · ${credentialSourceLabel(info)}` });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
