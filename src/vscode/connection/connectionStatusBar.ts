import * as vscode from 'vscode';
import type { EndpointId } from '../../core/bedrock/catalog/apiId';
import { credentialSourceLabel, type ConnectionInfo } from '../../core/bedrock/connection/connectionSettings';
import { connectionSummary, failureLine, type EndpointFailure } from '../../core/bedrock/connection/connectionSummary';
import { endpointOverrides, overrideSummary } from '../../core/bedrock/connection/endpointOverrides';
import { Disposable } from '../../core/lifecycle';

/** Region, credential source, overridden endpoints and the endpoint that failed, at a glance; clicking opens the menu. */
export class ConnectionStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('bedrock.connection', vscode.StatusBarAlignment.Left, 50));
  private info: ConnectionInfo | undefined;
  private readonly failed = new Map<EndpointId, EndpointFailure>();

  constructor() {
    super();
    this.item.name = 'Bedrock Connection';
    this.item.command = 'bedrock.connectionMenu';
  }

  get failures(): EndpointFailure[] {
    return [...this.failed.values()];
  }

  /** Another connection: earlier failures were about the old one. */
  update(info: ConnectionInfo): void {
    this.info = info;
    this.failed.clear();
    this.render();
  }

  /** `failure` undefined: the endpoint answered. */
  setFailure(endpoint: EndpointId, failure: Omit<EndpointFailure, 'endpoint'> | undefined): void {
    if (failure) this.failed.set(endpoint, { endpoint, ...failure });
    else if (!this.failed.delete(endpoint)) return;
    this.render();
  }

  private render(): void {
    if (!this.info) return;
    const s = connectionSummary(this.info, this.failures);
    this.item.text = s.text;
    this.item.tooltip = new vscode.MarkdownString(s.tooltip.join('  \n'), true);
    this.item.backgroundColor = s.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}

type MenuItem = vscode.QuickPickItem & { command?: string; args?: unknown[] };

export async function showConnectionMenu(info: ConnectionInfo, failures: readonly EndpointFailure[]): Promise<void> {
  const overrides = endpointOverrides(info);
  const endpoints = overrideSummary(overrides);
  const openEndpointSettings = { command: 'workbench.action.openSettings', args: ['bedrock.endpoints'] };
  const items: MenuItem[] = [
    ...failures.map(
      (f): MenuItem => ({ label: `$(error) ${f.endpoint} endpoint failed`, description: f.message, detail: failureLine(f, info), command: 'bedrock.showLog' }),
    ),
    ...(failures.length ? [{ label: '', kind: vscode.QuickPickItemKind.Separator }] : []),
    { label: '$(globe) Select Region…', description: info.region, command: 'bedrock.selectRegion' },
    { label: '$(account) Choose AWS Profile…', description: info.profile ?? 'default chain', command: 'bedrock.selectProfile' },
    { label: '$(key) Set API Key…', description: info.auth === 'apiKey' ? 'a key is stored' : undefined, command: 'bedrock.setApiKey' },
    {
      label: '$(server) Endpoints…',
      description: endpoints ? `overridden: ${endpoints}` : 'AWS public endpoints',
      detail: overrides.length ? overrides.map((o) => `${o.endpoint} → ${o.url}`).join(' · ') : undefined,
      ...openEndpointSettings,
    },
    { label: '$(shield) Trusted Endpoints…', description: 'hosts outside AWS that may receive your credentials', command: 'bedrock.manageTrustedEndpoints' },
    { label: '$(output) Show Log', command: 'bedrock.showLog' },
  ];
  const title = ['Bedrock', info.region, credentialSourceLabel(info), endpoints].filter(Boolean).join(' · ');
  const picked = await vscode.window.showQuickPick(items, { title });
  if (picked?.command) await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
}
