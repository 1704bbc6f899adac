// test:vscode on code-server: runs the mocha suite (out/test/vscode/index.js) inside a real VS Code
// extension host. code-server has no --extensionTestsPath flag; with the smoke-test driver switch on,
// the workbench takes it from the URL payload and reports the result through codeAutomationExit.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { startCodeServer, workbenchUrl } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { emulatorSettings, hermeticAwsEnv } from './emulatorWiring.mjs';
import { startLocalAws } from '../emulator/localAws.ts';
import { startEmulatorControl } from './emulatorControl.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SUITE_TIMEOUT_MS = 5 * 60_000;
// Workbench chatter that says nothing about our tests.
const NOISE = /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)|^(Creating a socket|Updating additional builtin)|ENOTFOUND/;

export async function runVscodeSuite({ extensionEnvironment = {}, verbose = !!process.env.VERBOSE } = {}) {
  const t0 = Date.now();
  // The suite talks to a local emulator; tests inside the extension host steer it (faults, request
  // log) through a small control API, since the emulator lives in this process.
  // Async jobs write their outputs to a real S3 server beside it, as Bedrock does.
  const local = await startLocalAws();
  const { emulator } = local;
  const control = await startEmulatorControl(emulator);
  const env = { ...hermeticAwsEnv(root), BEDROCK_EMULATOR_URL: emulator.url, BEDROCK_EMULATOR_CONTROL: control.url };
  let server;
  let browser;
  try {
    server = await startCodeServer({ smokeTestDriver: true, settings: { ...emulatorSettings(emulator.url), ...local.s3Settings }, env });
    browser = await launchBrowser();
    const { page } = browser;
    let settle;
    const exited = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...args);
      if (verbose || !NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle(code));
    await page.goto(
      workbenchUrl(server, {
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'out', 'test', 'vscode', 'index.js'),
        extensionEnvironment: { BEDROCK_WORKBENCH_TEST: '1', ...env, ...extensionEnvironment },
      }),
    );
    let timer;
    const code = await Promise.race([
      exited,
      new Promise((resolve) => (timer = setTimeout(resolve, SUITE_TIMEOUT_MS, 'timeout'))),
    ]);
    clearTimeout(timer);
    console.log(`vscode suite finished: exit=${code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return code === 0;
  } finally {
    await browser?.close();
    await server?.stop();
    await control.close();
    await local.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = await runVscodeSuite();
  process.exit(ok ? 0 : 1);
}
