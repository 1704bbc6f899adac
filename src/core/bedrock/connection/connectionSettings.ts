// What the connection is built from. The vscode glue fills it from `bedrock.*` settings, the
// secret store and `http.proxy`; tests fill it directly.

export interface EndpointOverrides {
  control?: string;
  runtime?: string;
  mantle?: string;
  /** Amazon S3, where async jobs write their outputs. */
  s3?: string;
}

export interface ConnectionSettings {
  /** `bedrock.region`; empty = environment / profile region, else us-east-1. */
  region?: string;
  /** `bedrock.profile`; empty = default provider chain. */
  profile?: string;
  /** Bedrock API key from SecretStorage; `AWS_BEARER_TOKEN_BEDROCK` is read from the environment. */
  apiKey?: string;
  endpoints?: EndpointOverrides;
  /** `http.proxy`; falls back to HTTPS_PROXY / HTTP_PROXY. */
  proxy?: string;
  /** Static credentials, for tests and emulator use only. */
  staticCredentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per request on every path, the first included (default 3; tests use 1). */
  maxAttempts?: number;
  /** The retry backoff's jitter source, for tests only (`() => 0`: retries without waiting). */
  retryRandom?: () => number;
  /** Force HTTP/1.1 on the runtime (default: SDK's HTTP/2 unless a proxy is set). */
  http1?: boolean;
}

/** Where the connection's answers came from, shown in the status UI ("which profile, which file"). */
export interface ConnectionInfo {
  region: string;
  regionSource: 'setting' | 'environment' | 'profile' | 'default';
  auth: 'apiKey' | 'apiKeyEnv' | 'sigv4';
  profile?: string;
  endpoints: { control: string; runtime: string; mantle: string; s3: string };
  proxy?: string;
}

/** The credential source in a few words, for the status bar and the connection menu. */
export function credentialSourceLabel(info: Pick<ConnectionInfo, 'auth' | 'profile'>): string {
  switch (info.auth) {
    case 'apiKey':
      return 'API key (stored)';
    case 'apiKeyEnv':
      return 'API key (AWS_BEARER_TOKEN_BEDROCK)';
    default:
      return info.profile ? `profile ${info.profile}` : 'default credentials';
  }
}
