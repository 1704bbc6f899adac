// The extension's version, put in by the bundler from package.json (esbuild `define`); `dev` when
// the source runs unbundled (tests under tsx).
declare const BEDROCK_WORKBENCH_VERSION: string | undefined;

export const CLIENT_VERSION: string = typeof BEDROCK_WORKBENCH_VERSION === 'string' ? BEDROCK_WORKBENCH_VERSION : 'dev';
