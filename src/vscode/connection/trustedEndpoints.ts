// The user's answer to "send your credentials to this host?": a modal asked once per origin,
// remembered in global state (never in settings, which a workspace or settings sync could supply),
// listed and revocable from the connection menu.
import * as vscode from 'vscode';
import type { BedrockConnection } from '../../core/bedrock/connection/connection';
import type { EndpointTrust, TrustQuestion } from '../../core/bedrock/connection/endpointGuard';
import { trustChoices } from '../../core/bedrock/connection/endpointPolicy';
import { showWarningMessage } from '../notify';
import { readTrustedOrigins, storedTrustedOrigins } from '../../core/bedrock/connection/trustedOrigins';
import { warnOnce } from '../../core/schema';
import { TRUSTED_ENDPOINTS_KEY } from '../../core/storageKeys';

const TRUST = 'Trust and Send';

export class TrustedEndpoints implements EndpointTrust {
  /**
   * Shows the question. The in-extension-host tests replace it: nothing inside the extension host
   * can press a modal's button.
   */
  ask: (q: TrustQuestion) => Thenable<boolean> = async (q) => {
    const detail = [
      `The setting ${q.setting} sends Bedrock requests to ${q.origin}, which is not an Amazon Bedrock endpoint of your region and not this machine.`,
      'Whoever runs that host receives your Bedrock API key or your signed AWS requests.',
      q.cleartext ? 'It uses plain HTTP: the credentials would also cross the network unencrypted.' : '',
      'Trust it only if you set it up yourself. You can revoke it later from the Bedrock connection menu (Trusted Endpoints…).',
    ]
      .filter(Boolean)
      .join('\n\n');
    return (await showWarningMessage(`Send your AWS credentials to ${q.origin}?`, { modal: true, detail }, TRUST)) === TRUST;
  };

  private readonly warn: (message: string) => void;

  /** `warn` hears, once each, which stored origins were unreadable (they are not trusted). */
  constructor(
    private readonly state: vscode.Memento,
    warn: (message: string) => void = () => undefined,
  ) {
    this.warn = warnOnce(warn);
  }

  list(): string[] {
    return readTrustedOrigins(this.state.get(TRUSTED_ENDPOINTS_KEY), this.warn);
  }

  private save(origins: string[]): Thenable<void> {
    return this.state.update(TRUSTED_ENDPOINTS_KEY, storedTrustedOrigins(origins));
  }

  isTrusted(origin: string): boolean {
    return this.list().includes(origin);
  }

  async confirm(q: TrustQuestion): Promise<boolean> {
    if (!(await this.ask(q))) return false;
    await this.trust(q.origin);
    return true;
  }

  async trust(origin: string): Promise<void> {
    if (!this.isTrusted(origin)) await this.save([...this.list(), origin]);
  }

  async revoke(origin: string): Promise<void> {
    await this.save(this.list().filter((o) => o !== origin));
  }

  /** `bedrock.manageTrustedEndpoints`: trust a configured endpoint the policy doesn't know, or revoke one. */
  async manage(connection: BedrockConnection): Promise<void> {
    type Item = vscode.QuickPickItem & { run: () => Thenable<unknown> };
    const trusted = this.list();
    const choices = trustChoices(connection.info.endpoints, connection.info.region, trusted);
    const items: Item[] = [
      ...choices.trust.map((q) => ({ label: `$(shield) Trust ${q.origin}`, description: q.setting, run: () => this.confirm(q) })),
      ...choices.revoke.map(({ origin, usedBy }) => ({
        label: `$(close) Revoke ${origin}`,
        description: usedBy.length ? `used by ${usedBy.join(', ')}` : 'not used by any setting',
        run: () => this.revoke(origin),
      })),
    ];
    items.push({ label: '$(gear) Open Endpoint Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'bedrock.endpoints') });
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Bedrock: Trusted Endpoints',
      placeHolder: trusted.length ? 'Hosts outside AWS that may receive your credentials' : 'No host outside AWS and this machine receives your credentials',
    });
    await picked?.run();
  }
}
