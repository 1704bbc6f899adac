// Builds the SDK clients and the compatible-endpoint auth from ConnectionSettings. The SDK is loaded
// lazily through loadAwsSdk() on the first network call — nothing here runs at activation except
// the constructor. Clients are rebuilt when settings change and after credentials expire.
import type { Agent } from 'node:http';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { Disposable } from '../lifecycle';
import { loadAwsSdk } from '../loadAwsSdk';
import type { ConnectionInfo, ConnectionSettings } from './connectionSettings';
import { Emitter } from './emitter';
import { secretRedactor } from './redact';
import { profileRegion } from './sharedConfig';
import { signV4, type AwsCredentials } from './sigv4';

type Env = Record<string, string | undefined>;
type CredentialProvider = () => Promise<AwsCredentials & { expiration?: Date }>;

export const BEARER_ENV = 'AWS_BEARER_TOKEN_BEDROCK';

export function resolveRegion(s: ConnectionSettings, env: Env): Pick<ConnectionInfo, 'region' | 'regionSource'> {
  if (s.region) return { region: s.region, regionSource: 'setting' };
  const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (fromEnv) return { region: fromEnv, regionSource: 'environment' };
  const fromProfile = profileRegion(s.profile, env);
  if (fromProfile) return { region: fromProfile, regionSource: 'profile' };
  return { region: 'us-east-1', regionSource: 'default' };
}

export function resolveInfo(s: ConnectionSettings, env: Env): ConnectionInfo {
  const { region, regionSource } = resolveRegion(s, env);
  const trim = (u: string) => u.replace(/\/+$/, '');
  return {
    region,
    regionSource,
    auth: s.apiKey ? 'apiKey' : env[BEARER_ENV] ? 'apiKeyEnv' : 'sigv4',
    profile: s.profile || env.AWS_PROFILE || undefined,
    endpoints: {
      control: trim(s.endpoints?.control || `https://bedrock.${region}.amazonaws.com`),
      runtime: trim(s.endpoints?.runtime || `https://bedrock-runtime.${region}.amazonaws.com`),
      mantle: trim(s.endpoints?.mantle || `https://bedrock-mantle.${region}.api.aws`),
    },
    proxy: s.proxy || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || undefined,
  };
}

export class BedrockConnection extends Disposable {
  private settings: ConnectionSettings;
  private _info: ConnectionInfo;
  private runtimeClient?: Promise<BedrockRuntimeClient>;
  private controlClient?: Promise<BedrockClient>;
  private credentials?: CredentialProvider;
  private agent?: Promise<Agent | undefined>;
  private generation = 0;
  private readonly onDidChangeEmitter = this._register(new Emitter<ConnectionInfo>());
  /** Fires after settings or the API key changed and clients were dropped. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(
    settings: ConnectionSettings,
    private readonly env: Env = process.env,
  ) {
    super();
    this.settings = settings;
    this._info = resolveInfo(settings, env);
    this.rememberSecrets();
  }

  get info(): ConnectionInfo {
    return this._info;
  }

  /** Bumped whenever clients are rebuilt; lets caches key on "same connection". */
  get version(): number {
    return this.generation;
  }

  update(settings: ConnectionSettings): void {
    this.settings = settings;
    this._info = resolveInfo(settings, this.env);
    this.rememberSecrets();
    this.reset();
    this.onDidChangeEmitter.fire(this._info);
  }

  /** Drop clients and cached credentials, e.g. after ExpiredToken: the next call re-resolves them. */
  resetCredentials(): void {
    this.reset();
  }

  private reset(): void {
    this.generation++;
    const old = [this.runtimeClient, this.controlClient];
    this.runtimeClient = this.controlClient = undefined;
    this.credentials = undefined;
    this.agent = undefined;
    for (const c of old) void c?.then((client) => client.destroy()).catch(() => undefined);
  }

  override dispose(): void {
    this.reset();
    super.dispose();
  }

  /** Every secret this connection holds is masked in everything the extension writes or shows. */
  private rememberSecrets(): void {
    const stat = this.settings.staticCredentials;
    secretRedactor.add(this.settings.apiKey, this.env[BEARER_ENV], stat?.secretAccessKey, stat?.sessionToken, stat?.accessKeyId);
  }

  private bearerToken(): string | undefined {
    return this.settings.apiKey || this.env[BEARER_ENV] || undefined;
  }

  /** Credentials provider that never hands out an expired identity (SSO sessions end mid-day). */
  private credentialProvider(): CredentialProvider {
    if (this.credentials) return this.credentials;
    const stat = this.settings.staticCredentials;
    if (stat) return (this.credentials = () => Promise.resolve(stat));
    let inner: Promise<CredentialProvider> | undefined;
    const fresh = async () => {
      const sdk = await loadAwsSdk();
      return sdk.fromNodeProviderChain({ profile: this.settings.profile || undefined }) as CredentialProvider;
    };
    this.credentials = async () => {
      inner ??= fresh();
      let creds = await (await inner)();
      if (creds.expiration && creds.expiration.getTime() <= Date.now()) {
        inner = fresh();
        creds = await (await inner)();
      }
      // Resolved lazily (and again after rotation): register each identity as it arrives.
      secretRedactor.add(creds.secretAccessKey, creds.sessionToken, creds.accessKeyId);
      return creds;
    };
    return this.credentials;
  }

  /** A proxy agent when `http.proxy` / HTTPS_PROXY is set (shared by SDK clients and compatible endpoints). */
  proxyAgent(): Promise<Agent | undefined> {
    const proxy = this._info.proxy;
    this.agent ??= proxy
      ? loadAwsSdk().then(({ HttpsProxyAgent }) => new HttpsProxyAgent(proxy, { keepAlive: true }) as unknown as Agent)
      : Promise.resolve(undefined);
    return this.agent;
  }

  private async commonConfig() {
    const sdk = await loadAwsSdk();
    const token = this.bearerToken();
    const agent = await this.proxyAgent();
    return {
      sdk,
      config: {
        region: this._info.region,
        maxAttempts: this.settings.maxAttempts ?? 3,
        credentials: this.credentialProvider(),
        // With a key, bearer must win over SigV4 even when credentials also resolve.
        ...(token ? { token: { token }, authSchemePreference: ['httpBearerAuth'] } : {}),
      },
      agent,
    };
  }

  runtime(): Promise<BedrockRuntimeClient> {
    this.runtimeClient ??= (async () => {
      const { sdk, config, agent } = await this.commonConfig();
      // HTTP/2 is the SDK default; a proxy needs HTTP/1.1 (CONNECT through an agent).
      const requestHandler = agent || this.settings.http1 ? new sdk.NodeHttpHandler({ httpAgent: agent, httpsAgent: agent }) : undefined;
      return new sdk.BedrockRuntimeClient({ ...config, endpoint: this.settings.endpoints?.runtime || undefined, ...(requestHandler ? { requestHandler } : {}) });
    })();
    return this.runtimeClient;
  }

  control(): Promise<BedrockClient> {
    this.controlClient ??= (async () => {
      const { sdk, config, agent } = await this.commonConfig();
      const requestHandler = agent ? new sdk.NodeHttpHandler({ httpAgent: agent, httpsAgent: agent }) : undefined;
      return new sdk.BedrockClient({ ...config, endpoint: this.settings.endpoints?.control || undefined, ...(requestHandler ? { requestHandler } : {}) });
    })();
    return this.controlClient;
  }

  /**
   * Auth headers for a compatible-endpoint request: the API key as a bearer token when there is one,
   * else SigV4 with the endpoint's signing name (`bedrock` on runtime, `bedrock-mantle` on mantle).
   */
  async authHeaders(endpoint: 'runtime' | 'mantle', req: { method: string; url: string; headers: Record<string, string>; body: string }): Promise<Record<string, string>> {
    const token = this.bearerToken();
    if (token) return { authorization: `Bearer ${token}` };
    const creds = await this.credentialProvider()();
    return signV4(req, creds, this._info.region, endpoint === 'mantle' ? 'bedrock-mantle' : 'bedrock');
  }
}
