import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ChatEvent } from '../../src/core/bedrock/adapters/chatEvent';
import type { TrustQuestion } from '../../src/core/bedrock/connection/endpointGuard';
import type { SsoLoginPlan } from '../../src/core/bedrock/connection/ssoLogin';
import type { WorkbenchApi } from '../../src/extension';
import { EXTENSION_ID } from './extensionId';
import { waitFor } from './waitFor';

const GPT_OSS = 'openai.gpt-oss-120b-1:0';
const BEARER_MARKER = 'ABSK-hostile-endpoint-marker';

interface Received {
  url?: string;
  authorization?: string;
}

/** An HTTP server posing as a Bedrock endpoint: it records whatever reaches it. */
async function startAttacker(): Promise<{ received: Received[]; port: number; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    received.push({ url: req.url, authorization: req.headers.authorization });
    req.resume();
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end('{"message":"attacker"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function turn(api: WorkbenchApi): Promise<Extract<ChatEvent, { type: 'error' }> | undefined> {
  let error: Extract<ChatEvent, { type: 'error' }> | undefined;
  const request = { modelId: GPT_OSS, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hello' }] }], maxTokens: 50 };
  for await (const e of api.router.stream(request, undefined, { api: 'responses' })) if (e.type === 'error') error = e;
  return error;
}

describe('credentials go only where the user sent them (in a real extension host)', () => {
  let api: WorkbenchApi;
  const bedrock = () => vscode.workspace.getConfiguration('bedrock');

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });

  it('a foreign mantle endpoint gets no request and no credential until the user trusts it; revoking stops it again', async () => {
    const attacker = await startAttacker();
    // 0.0.0.0 is not a loopback name, so the policy treats it as a foreign host; on Linux a
    // connection to it still lands on local listeners, so the attacker would really receive
    // whatever is sent there.
    const foreign = `http://0.0.0.0:${attacker.port}`;
    const original = bedrock().inspect<string>('endpoints.mantle')?.globalValue;
    const originalAsk = api.trustedEndpoints.ask;
    const asked: TrustQuestion[] = [];
    // Stands in for the modal's buttons, which nothing inside the extension host can press: "Cancel".
    api.trustedEndpoints.ask = async (q) => (asked.push(q), false);
    process.env.AWS_BEARER_TOKEN_BEDROCK = BEARER_MARKER;
    try {
      await bedrock().update('endpoints.mantle', foreign, vscode.ConfigurationTarget.Global);
      await waitFor(api.connection.onDidChange, () => api.connection.info.endpoints.mantle === foreign, 'the connection to pick up the endpoint');

      const [first, second] = await Promise.all([turn(api), turn(api)]);
      for (const e of [first, second]) {
        assert.equal(e?.error.kind, 'untrustedEndpoint');
        assert.ok(e.error.message.includes('`bedrock.endpoints.mantle`') && e.error.message.includes(foreign), e.error.message);
        assert.equal(e.error.action.id, 'trustEndpoint');
        assert.ok(!JSON.stringify(e).includes(BEARER_MARKER));
      }
      assert.deepEqual(asked, [{ origin: foreign, setting: 'bedrock.endpoints.mantle', cleartext: true }], 'one question for two concurrent turns');
      assert.equal((await turn(api))?.error.kind, 'untrustedEndpoint');
      assert.equal(asked.length, 1, 'a declined host is not asked about again');
      assert.equal(attacker.received.length, 0, 'nothing reached the foreign host');

      // "Trust" in Trusted Endpoints…: the same turn now reaches it, with the credential.
      await api.trustedEndpoints.trust(foreign);
      assert.deepEqual(api.trustedEndpoints.list(), [foreign]);
      await turn(api);
      assert.deepEqual(attacker.received.map((r) => r.authorization), [`Bearer ${BEARER_MARKER}`]);

      await api.trustedEndpoints.revoke(foreign);
      assert.equal((await turn(api))?.error.kind, 'untrustedEndpoint');
      assert.equal(attacker.received.length, 1, 'revoked: nothing more was sent');
    } finally {
      delete process.env.AWS_BEARER_TOKEN_BEDROCK;
      api.trustedEndpoints.ask = originalAsk;
      await api.trustedEndpoints.revoke(foreign);
      await bedrock().update('endpoints.mantle', original, vscode.ConfigurationTarget.Global);
      await attacker.close();
    }
  });

  it('SigV4: the control plane pointed at a foreign host signs nothing; the catalog says why', async () => {
    const attacker = await startAttacker();
    const foreign = `http://0.0.0.0:${attacker.port}`;
    const original = bedrock().inspect<string>('endpoints.control')?.globalValue;
    const originalAsk = api.trustedEndpoints.ask;
    api.trustedEndpoints.ask = async () => false;
    try {
      await bedrock().update('endpoints.control', foreign, vscode.ConfigurationTarget.Global);
      await waitFor(api.connection.onDidChange, () => api.connection.info.endpoints.control === foreign, 'the connection to pick up the endpoint');
      await api.catalog.refresh();
      assert.equal(api.catalog.error?.kind, 'untrustedEndpoint');
      assert.match(api.catalog.error!.message, /`bedrock\.endpoints\.control`/);
      assert.equal(api.tree.problem(), 'untrustedEndpoint', 'the explorer shows the trust welcome');
      assert.deepEqual(attacker.received, []);
    } finally {
      api.trustedEndpoints.ask = originalAsk;
      await bedrock().update('endpoints.control', original, vscode.ConfigurationTarget.Global);
      await attacker.close();
      await api.catalog.refresh();
    }
  });

  describe('aws sso login never goes through a shell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-'));
    const pwned = join(dir, 'pwned');
    const configFile = join(dir, 'config');
    writeFileSync(configFile, `[profile dev-sso]\nsso_session = corp\n[profile x$(touch ${pwned})]\n`);
    let originalConfig: string | undefined;
    let originalProfile: string | undefined;
    before(() => {
      originalConfig = process.env.AWS_CONFIG_FILE;
      originalProfile = bedrock().inspect<string>('profile')?.globalValue;
      process.env.AWS_CONFIG_FILE = configFile;
    });
    after(async () => {
      if (originalConfig === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env.AWS_CONFIG_FILE = originalConfig;
      await bedrock().update('profile', originalProfile, vscode.ConfigurationTarget.Global);
      for (const t of vscode.window.terminals) if (t.name === 'AWS SSO login') t.dispose();
    });

    it('a profile carrying a command substitution is refused with the setting and value; no terminal, no file', async () => {
      const hostile = `x$(touch ${pwned})`;
      await bedrock().update('profile', hostile, vscode.ConfigurationTarget.Global);
      const before = vscode.window.terminals.length;
      const plan = await vscode.commands.executeCommand<SsoLoginPlan>('bedrock.ssoLogin');
      assert.equal(plan.ok, false);
      assert.ok(!plan.ok && plan.message.includes('`bedrock.profile`') && plan.message.includes(JSON.stringify(hostile)));
      assert.equal(vscode.window.terminals.length, before, 'no terminal was opened');
      assert.equal(existsSync(pwned), false);
    });

    it('a valid profile runs the AWS CLI with an argument vector (shellPath + shellArgs)', async () => {
      await bedrock().update('profile', 'dev-sso', vscode.ConfigurationTarget.Global);
      const opened = new Promise<vscode.Terminal>((resolve) => {
        const sub = vscode.window.onDidOpenTerminal((t) => {
          sub.dispose();
          resolve(t);
        });
      });
      const plan = await vscode.commands.executeCommand<SsoLoginPlan>('bedrock.ssoLogin');
      assert.deepEqual(plan, { ok: true, args: ['sso', 'login', '--profile', 'dev-sso'] });
      const options = (await opened).creationOptions as vscode.TerminalOptions;
      assert.equal(options.shellPath, 'aws');
      assert.deepEqual(options.shellArgs, ['sso', 'login', '--profile', 'dev-sso']);
      assert.equal(existsSync(pwned), false);
    });
  });
});
