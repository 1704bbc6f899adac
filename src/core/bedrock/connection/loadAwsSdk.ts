import type * as AwsSdkModule from './awsSdk';

export type AwsSdk = typeof AwsSdkModule;

let loading: Promise<AwsSdk> | undefined;

/**
 * Loads the AWS SDK once, on first use. In the packaged extension `./awsSdk` is the separate bundle
 * dist/aws-sdk.js (see esbuild.mjs), so nothing of the SDK is parsed or run before a network call.
 */
export function loadAwsSdk(): Promise<AwsSdk> {
  loading ??= import('./awsSdk');
  return loading;
}
