// Two builds from one base: the extension host bundle (node, cjs, `vscode` external) and the
// chat webview bundle (browser, iife). Flags: --watch rebuilds on change, --production minifies
// and drops sourcemaps. The vscode test suite is bundled too, so it runs in the extension host as-is.
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** @type {import('esbuild').BuildOptions} */
const base = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  define: {
    'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
    // The user-agent's version (src/core/version.ts), fixed at build time: no package.json read at run time.
    BEDROCK_WORKBENCH_VERSION: JSON.stringify(JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version),
  },
};

// The AWS SDK is its own bundle, dist/aws-sdk.js, loaded on first network call through
// src/core/bedrock/connection/loadAwsSdk.ts: activation then parses and runs none of it.
const AWS_SDK_BOUNDARY = /[\\/]src[\\/]core[\\/]bedrock[\\/]connection[\\/]awsSdk(\.ts)?$/;
/** @type {import('esbuild').Plugin} */
const lazyAwsSdk = {
  name: 'lazy-aws-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/awsSdk$/ }, (args) => {
      if (!AWS_SDK_BOUNDARY.test(`${args.resolveDir}/awsSdk`)) return undefined;
      return { path: './aws-sdk.js', external: true };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const nodeBase = { ...base, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { ...nodeBase, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', plugins: [lazyAwsSdk] },
  { ...nodeBase, entryPoints: { 'aws-sdk': 'src/core/bedrock/connection/awsSdk.ts' }, outdir: 'dist' },
  {
    ...base,
    entryPoints: { webview: 'webview-ui/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // The codicon font comes with its stylesheet (imported by webview-ui/main.ts): it lands beside
    // the bundle as dist/codicon.ttf, inside the webview's resource root, the one font source the CSP allows.
    loader: { '.css': 'css', '.ttf': 'file' },
    assetNames: '[name]',
  },
];

if (!production) {
  // The in-extension-host test suite: mocha stays external (loaded from node_modules at run time).
  builds.push({
    ...base,
    entryPoints: ['test/vscode/index.ts', 'test/vscode/**/*.test.ts'],
    outbase: 'test/vscode',
    outdir: 'out/test/vscode',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching for changes');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: ${builds.length} bundles in ${Date.now() - t0} ms${production ? ' (production)' : ''}`);
}
