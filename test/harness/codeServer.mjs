// Starts a real VS Code (code-server) on 127.0.0.1 for tests and the demo, with all of its state in
// a throw-away folder, and stops every process it started. Provisions itself on first use.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { provision, cacheDir } from './provision.mjs';

const BASE_SETTINGS = {
  // Saves ~300 MB and keeps the workbench free of AI chat surfaces that aren't ours.
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // Scratch workspaces live inside this repository: don't offer to open it.
  'git.openRepositoryInParentFolders': 'never',
  // The empty secondary side bar only takes room from the editor and the chat panel.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ port?: number, settings?: object, extensionsDir?: string, smokeTestDriver?: boolean,
 *           workspaceFiles?: Record<string,string|Uint8Array>, log?: (s: string) => void, env?: object }} opts
 */
export async function startCodeServer(opts = {}) {
  const paths = provision();
  const port = opts.port ?? (await freePort());
  mkdirSync(cacheDir, { recursive: true });
  const scratch = mkdtempSync(join(cacheDir, 'run-'));
  const dirs = {
    userData: join(scratch, 'user-data'),
    extensions: opts.extensionsDir ?? join(scratch, 'extensions'),
    workspace: join(scratch, 'workspace'),
    xdg: join(scratch, 'xdg'),
    tmp: join(scratch, 'tmp'),
  };
  for (const d of [join(dirs.userData, 'User'), join(dirs.userData, 'Machine'), dirs.extensions, dirs.workspace, dirs.xdg, dirs.tmp]) mkdirSync(d, { recursive: true });
  const settings = JSON.stringify({ ...BASE_SETTINGS, ...opts.settings }, null, 2);
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), settings);
  // The extension host runs on the server, so machine-scoped settings (region, profile, endpoints)
  // come from the server's own settings file, as they would over Remote-SSH.
  writeFileSync(join(dirs.userData, 'Machine', 'settings.json'), settings);
  for (const [name, content] of Object.entries(opts.workspaceFiles ?? {})) {
    mkdirSync(join(dirs.workspace, name, '..'), { recursive: true });
    writeFileSync(join(dirs.workspace, name), content);
  }

  const args = [
    paths.codeServer,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--reconnection-grace-time', '10',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(dirs.workspace);

  const env = {
    ...process.env,
    ...opts.env,
    // A spec may put its own programs first (a stand-in recorder); code-server's Node still comes first.
    PATH: `${paths.nodeBin}:${opts.env?.PATH ?? process.env.PATH}`,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    TMPDIR: dirs.tmp,
  };
  // `undefined` in opts.env means "unset this variable" for code-server and its extension host.
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  // detached: its own process group, so stop() can kill code-server and every child it spawned.
  const child = spawn(paths.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const collect = (buf) => {
    const text = buf.toString();
    output.push(text);
    if (output.length > 2000) output.shift();
    opts.log?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
    process.off('exit', killOnExit);
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };
  // A crashed or interrupted test run must not leave code-server behind.
  const killOnExit = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(r, 100, null))]);
    if (early) throw new Error(`code-server exited before it was ready (${JSON.stringify(early)}):\n${output.join('')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not become healthy within 60 s:\n${output.join('')}`);
    }
  }
  return { url, port, dirs, stop, output: () => output.join('') };
}

/** The URL that opens the workbench on `folder`, optionally with a development extension and tests. */
export function workbenchUrl(server, { folder = server.dirs.workspace, extensionDevelopmentPath, extensionTestsPath, extensionEnvironment } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(extensionEnvironment)]);
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Installs a VSIX the way a user's VS Code would (`--install-extension`), into `extensionsDir`. */
export function installVsix(vsixPath, extensionsDir) {
  const paths = provision();
  mkdirSync(extensionsDir, { recursive: true });
  const scratch = mkdtempSync(join(cacheDir, 'install-'));
  try {
    execFileSync(paths.node, [paths.codeServer, '--extensions-dir', extensionsDir, '--user-data-dir', join(scratch, 'user-data'), '--install-extension', vsixPath], {
      env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data'), XDG_CACHE_HOME: join(scratch, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
