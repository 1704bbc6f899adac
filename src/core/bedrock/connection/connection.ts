// Builds the SDK clients and the compatible-endpoint auth from ConnectionSettings. The SDK is loaded
// lazily through loadAwsSdk() on the first network call — nothing here runs at activation except
// the constructor. Clients are rebuilt when settings change and after credentials expire.
import * as http from 'node:http';
import * as https from 'node:https';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { S3Client } from '@aws-sdk/client-s3';
import { Disposable } from '../../lifecycle';
import { loadAwsSdk } from './loadAwsSdk';
import type { ConnectionInfo, ConnectionSettings } from './connectionSettings';
import { Emitter } from '../../emitter';
import { secretRedactor } from '../errors/redact';
import { EndpointGuard, type EndpointTrust } from './endpointGuard';
import { RetryPolicy } from '../routing/retryPolicy';
import { BEARER_ENV, proxyPassword, resolveInfo } from './connectionInfo';
import { signV4, type AwsCredentials } from './sigv4';
import { CLIENT_VERSION } from '../../version';
import { httpRequest, readText } from './httpTransport';
import { judgeEndpoint } from './endpointPolicy';
import { MAX_STREAMS_PER_SESSION, PooledHttp2Handler, SESSION_IDLE_MS, type Http2Handler } from './pooledHttp2Handler';

type EndpointName = 'control' | 'runtime' | 'mantle' | 's3';
/** How a route reaches its endpoint: the SDK client (HTTP/2 on the runtime) or plain HTTP(S) (the compatible APIs). */
export type WarmTransport = 'sdk' | 'http';
type CredentialProvider = () => Promise<AwsCredentials & { expiration?: Date }>;

export { BEARER_ENV, resolveInfo, resolveRegion } from './connectionInfo';

export class BedrockConnection extends Disposable {
  private settings: ConnectionSettings;
  private _info: ConnectionInfo;
  private runtimeClient?: Promise<BedrockRuntimeClient>;
  /** The runtime client's HTTP/2 session pool (absent behind a proxy or with HTTP/1.1 forced). */
  private runtimeSessions?: PooledHttp2Handler;
  private controlClient?: Promise<BedrockClient>;
  private s3Client?: Promise<S3Client>;
  private credentials?: CredentialProvider;
  private agent?: Promise<http.Agent | undefined>;
  /** Keep-alive agents for the compatible endpoints, one pair per connection generation. */
  private keepAlive?: { http: http.Agent; https: https.Agent };
  private retry: RetryPolicy;
  private generation = 0;
  private readonly guard = new EndpointGuard(() => this._info.region);
  private readonly onDidChangeEmitter = this._register(new Emitter<ConnectionInfo>());
  /** Fires after settings or the API key changed and clients were dropped. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(
    settings: ConnectionSettings,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {
    super();
    this.settings = settings;
    this._info = resolveInfo(settings, env);
    this.rememberSecrets();
    this.retry = retryPolicyOf(settings);
  }

  /** `bedrock-workbench/<version>`, sent by every request this extension makes. */
  readonly userAgent = `bedrock-workbench/${CLIENT_VERSION}`;

  /** The retry policy of every path: the SDK clients' strategy and the compatible-endpoint transport. */
  get retryPolicy(): RetryPolicy {
    return this.retry;
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
    this.guard.reset();
    this.retry = retryPolicyOf(settings);
    this.reset();
    this.onDidChangeEmitter.fire(this._info);
  }

  /** Drop clients and cached credentials, e.g. after ExpiredToken: the next call re-resolves them. */
  resetCredentials(): void {
    this.reset();
  }

  private reset(): void {
    this.generation++;
    const old = [this.runtimeClient, this.controlClient, this.s3Client];
    this.runtimeClient = this.controlClient = this.s3Client = undefined;
    this.runtimeSessions = undefined;
    this.credentials = undefined;
    this.agent = undefined;
    const agents = this.keepAlive;
    this.keepAlive = undefined;
    // Idle pooled sockets close now; requests in flight finish on theirs.
    agents?.http.destroy();
    agents?.https.destroy();
    for (const c of old) void c?.then((client) => client.destroy()).catch(() => undefined);
  }

  override dispose(): void {
    this.reset();
    super.dispose();
  }

  /** Every secret this connection holds is masked in everything the extension writes or shows. */
  private rememberSecrets(): void {
    const stat = this.settings.staticCredentials;
    secretRedactor.add(this.settings.apiKey, this.env[BEARER_ENV], stat?.secretAccessKey, stat?.sessionToken, stat?.accessKeyId, proxyPassword(this._info.proxy));
  }

  /** Who answers for endpoints outside the policy (the editor's trust prompt); none = refuse them. */
  setEndpointTrust(trust: EndpointTrust | undefined): void {
    this.guard.setTrust(trust);
  }

  /** The setting a refused endpoint came from: its override, else the region it was derived from. */
  private endpointSetting(endpoint: EndpointName): string {
    return this.settings.endpoints?.[endpoint] ? `bedrock.endpoints.${endpoint}` : 'bedrock.region';
  }

  /**
   * Refuses, before anything is signed, an SDK request whose final host may not receive credentials.
   * At the build step: after the endpoint is resolved (so the SDK's own default hosts are checked
   * too), before the finalize step where retries sign and send.
   */
  private guardClient(client: BedrockClient | BedrockRuntimeClient | S3Client, endpoint: EndpointName): void {
    const stack = client.middlewareStack as unknown as MiddlewareStack;
    stack.add(
      (next) => async (args) => {
        await this.guard.check(requestUrl(args.request), this.endpointSetting(endpoint), endpoint === 's3' ? 's3' : 'bedrock');
        return next(args);
      },
      { step: 'build', name: 'bedrockEndpointGuard', priority: 'high' },
    );
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
  proxyAgent(): Promise<http.Agent | undefined> {
    const proxy = this._info.proxy;
    this.agent ??= proxy
      ? loadAwsSdk().then(({ HttpsProxyAgent }) => new HttpsProxyAgent(proxy, { keepAlive: true }) as unknown as http.Agent)
      : Promise.resolve(undefined);
    return this.agent;
  }

  /** The agent for a compatible-endpoint request: the proxy's, else a keep-alive agent shared until settings change. */
  async httpAgent(url: string): Promise<http.Agent> {
    const proxy = await this.proxyAgent();
    if (proxy) return proxy;
    const agents = this.keepAliveAgents();
    return url.startsWith('https:') ? agents.https : agents.http;
  }

  private keepAliveAgents(): { http: http.Agent; https: https.Agent } {
    this.keepAlive ??= { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
    return this.keepAlive;
  }

  /**
   * Opens the connection a request to `endpoint` over `transport` will use, so its handshakes are
   * done before the user sends: no credentials, no model, nothing billed. Skipped (false) for an
   * endpoint that would need the user's trust first. Never throws.
   */
  async warm(endpoint: 'runtime' | 'mantle', transport: WarmTransport, signal?: AbortSignal): Promise<boolean> {
    const origin = this._info.endpoints[endpoint];
    if (!judgeEndpoint(origin, this._info.region).allowed) return false;
    try {
      if (endpoint === 'runtime' && transport === 'sdk') {
        await this.runtime();
        if (this.runtimeSessions) {
          await this.runtimeSessions.warm(origin, signal);
          return true;
        }
      }
      const url = `${new URL(origin).origin}/`;
      const res = await httpRequest({ method: 'HEAD', url, headers: { 'user-agent': this.userAgent }, agent: await this.httpAgent(url), signal });
      // Read to the end so the socket goes back to the pool for the turn to take.
      await readText(res.body);
      return true;
    } catch {
      return false;
    }
  }

  private async commonConfig() {
    const sdk = await loadAwsSdk();
    const token = this.bearerToken();
    const agent = await this.proxyAgent();
    return {
      sdk,
      config: {
        region: this._info.region,
        maxAttempts: this.retry.maxAttempts,
        retryStrategy: this.retry.sdkStrategy(),
        customUserAgent: this.userAgent,
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
      // HTTP/2 over one kept session; a proxy needs HTTP/1.1 (CONNECT through an agent).
      let requestHandler;
      if (agent || this.settings.http1) {
        const agents = this.keepAliveAgents();
        requestHandler = new sdk.NodeHttpHandler({ httpAgent: agent ?? agents.http, httpsAgent: agent ?? agents.https });
      } else {
        const inner = new sdk.NodeHttp2Handler({ disableConcurrentStreams: false, maxConcurrentStreams: MAX_STREAMS_PER_SESSION }) as unknown as Http2Handler;
        requestHandler = this.runtimeSessions = new PooledHttp2Handler(inner, { maxConcurrentStreams: MAX_STREAMS_PER_SESSION, idleMs: SESSION_IDLE_MS });
      }
      const client = new sdk.BedrockRuntimeClient({ ...config, endpoint: this.settings.endpoints?.runtime || undefined, requestHandler: requestHandler as never });
      this.guardClient(client, 'runtime');
      return client;
    })();
    return this.runtimeClient;
  }

  control(): Promise<BedrockClient> {
    this.controlClient ??= (async () => {
      const { sdk, config, agent } = await this.commonConfig();
      const agents = this.keepAliveAgents();
      const requestHandler = new sdk.NodeHttpHandler({ httpAgent: agent ?? agents.http, httpsAgent: agent ?? agents.https });
      const client = new sdk.BedrockClient({ ...config, endpoint: this.settings.endpoints?.control || undefined, requestHandler });
      this.guardClient(client, 'control');
      return client;
    })();
    return this.controlClient;
  }

  /**
   * Amazon S3, for async job outputs and inputs. SigV4 only: S3 does not take a Bedrock API key, so
   * none is configured here. An endpoint override (a VPC endpoint, the local S3 server) is
   * addressed path-style, since its host has no bucket subdomains.
   */
  s3(): Promise<S3Client> {
    this.s3Client ??= (async () => {
      const sdk = await loadAwsSdk();
      const agent = await this.proxyAgent();
      const endpoint = this.settings.endpoints?.s3 || undefined;
      const client = new sdk.S3Client({
        region: this._info.region,
        maxAttempts: this.retry.maxAttempts,
        retryStrategy: this.retry.sdkStrategy(),
        customUserAgent: this.userAgent,
        credentials: this.credentialProvider(),
        ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
        ...(agent ? { requestHandler: new sdk.NodeHttpHandler({ httpAgent: agent, httpsAgent: agent }) } : {}),
      });
      this.guardClient(client, 's3');
      return client;
    })();
    return this.s3Client;
  }

  /**
   * Auth headers for a compatible-endpoint request: the API key as a bearer token when there is one,
   * else SigV4 with the endpoint's signing name (`bedrock` on runtime, `bedrock-mantle` on mantle).
   */
  async authHeaders(endpoint: 'runtime' | 'mantle', req: { method: string; url: string; headers: Record<string, string>; body: string }): Promise<Record<string, string>> {
    await this.guard.check(req.url, this.endpointSetting(endpoint));
    const token = this.bearerToken();
    if (token) return { authorization: `Bearer ${token}` };
    const creds = await this.credentialProvider()();
    return signV4(req, creds, this._info.region, endpoint === 'mantle' ? 'bedrock-mantle' : 'bedrock');
  }
}

/** The slice of the SDK's middleware stack the guard uses (smithy's types are generic over every command). */
interface MiddlewareStack {
  add(
    middleware: (next: (args: { request: unknown }) => Promise<unknown>) => (args: { request: unknown }) => Promise<unknown>,
    options: { step: 'build'; name: string; priority: 'high' },
  ): void;
}

/** The URL an SDK HttpRequest will connect to. */
function requestUrl(request: unknown): string {
  const r = request as { protocol?: string; hostname?: string; port?: number };
  const host = r.hostname?.includes(':') && !r.hostname.startsWith('[') ? `[${r.hostname}]` : r.hostname;
  const protocol = r.protocol?.endsWith(':') ? r.protocol : `${r.protocol}:`;
  return `${protocol}//${host}${r.port ? `:${r.port}` : ''}/`;
}

function retryPolicyOf(s: ConnectionSettings): RetryPolicy {
  return new RetryPolicy({ maxAttempts: s.maxAttempts, random: s.retryRandom });
}
