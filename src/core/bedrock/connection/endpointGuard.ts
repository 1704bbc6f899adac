// Checked before every credential-bearing request: the endpoint policy, then the user's trust.
// An origin the policy does not know is sent to only after the user trusted it; the question is
// asked once per origin at a time (concurrent requests share the answer), and an origin the user
// declined is not asked about again until the connection settings change.
import { BedrockError, errorAction, type ClassifiedError } from '../errors/classifiedError';
import { displayUrl, judgeEndpoint, type AwsService } from './endpointPolicy';

export interface TrustQuestion {
  /** `scheme://host[:port]`, what the user trusts. */
  origin: string;
  /** The setting the endpoint came from, e.g. `bedrock.endpoints.mantle`. */
  setting: string;
  /** Plain HTTP: credentials would cross the network unencrypted. */
  cleartext: boolean;
}

/** The user's side of trust, supplied by the editor (a modal and a remembered list). */
export interface EndpointTrust {
  /** Remembered trust; consulted on every request so a revoke applies at once. */
  isTrusted(origin: string): boolean;
  /** Asks the user; true = trust this origin (and remember it) and send. */
  confirm(question: TrustQuestion): Promise<boolean>;
}

export class EndpointGuard {
  private trust?: EndpointTrust;
  private readonly declined = new Set<string>();
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(private readonly region: () => string) {}

  setTrust(trust: EndpointTrust | undefined): void {
    this.trust = trust;
  }

  /** Settings changed: a declined origin may be asked about again. */
  reset(): void {
    this.declined.clear();
  }

  /** Resolves when `url` may receive credentials; otherwise throws an `untrustedEndpoint` BedrockError. */
  async check(url: string, setting: string, service: AwsService = 'bedrock'): Promise<void> {
    const region = this.region();
    const verdict = judgeEndpoint(url, region, service);
    if (verdict.allowed) return;
    if (!verdict.confirmable) {
      throw refusal({
        message: `\`${setting}\` is not a usable endpoint: ${verdict.reason} (${displayUrl(url)}). Nothing was sent.`,
        action: errorAction('openSettings'),
      });
    }
    const { origin, cleartext } = verdict;
    const trust = this.trust;
    if (trust?.isTrusted(origin)) return;
    if (trust && !this.declined.has(origin)) {
      let pending = this.asking.get(origin);
      if (!pending) {
        pending = trust.confirm({ origin, setting, cleartext }).catch(() => false);
        this.asking.set(origin, pending);
        void pending.finally(() => this.asking.delete(origin));
      }
      if (await pending) return;
      this.declined.add(origin);
    }
    throw refusal({
      message:
        `Your credentials were not sent to ${origin}: \`${setting}\` points there, and ${verdict.reason}.` +
        (cleartext ? ' It is plain HTTP, so credentials would also cross the network unencrypted.' : '') +
        ' Trust it only if you set it up yourself; otherwise fix the setting.',
      action: errorAction('trustEndpoint'),
      detail: `${setting} = ${displayUrl(url)}`,
    });
  }
}

function refusal(c: Pick<ClassifiedError, 'message' | 'action' | 'detail'>): BedrockError {
  return new BedrockError({ kind: 'untrustedEndpoint', code: 'UntrustedEndpoint', ...c });
}
