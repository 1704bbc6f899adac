// The trust modal as a user meets it: the control endpoint points at a host outside AWS, the model
// list asks "Send your AWS credentials to …?", Cancel sends nothing, Trusted Endpoints… trusts it
// (the signed request then arrives) and revokes it again (nothing more arrives).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openWorkbench, type Workbench } from './workbench';

describe('endpoint trust in the real workbench', () => {
  let wb: Workbench;
  const received: { authorization?: string }[] = [];
  // Poses as a Bedrock control plane and records what reaches it.
  const attacker = http.createServer((req, res) => {
    received.push({ authorization: req.headers.authorization });
    req.resume();
    res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
    res.end('{"message":"recorded"}');
  });
  let foreign: string;

  before(async () => {
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    // 0.0.0.0 is not a loopback name, so the policy treats it as a foreign host, yet on Linux a
    // connection to it lands on local listeners: the attacker really receives what is sent.
    foreign = `http://0.0.0.0:${(attacker.address() as AddressInfo).port}`;
    wb = await openWorkbench({ settings: { 'bedrock.endpoints.control': foreign } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAILED-trust-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    await new Promise<void>((resolve) => attacker.close(() => resolve()));
  });

  const dialog = () => wb.page.locator('.monaco-dialog-box');
  const button = (name: string) => dialog().locator('.monaco-button', { hasText: name }).first();
  const sidebar = () => wb.page.locator('.part.sidebar');

  async function pick(command: string, row: string): Promise<void> {
    await wb.runCommand(command);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().click();
  }

  it('opening the explorer asks once; Cancel sends nothing and the view says why', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().click();
    await dialog().waitFor({ timeout: 30_000 });
    const text = await dialog().innerText();
    assert.ok(text.includes(`Send your AWS credentials to ${foreign}?`), text);
    assert.match(text, /bedrock\.endpoints\.control/);
    assert.match(text, /plain HTTP/);
    await wb.screenshot('trust-modal');
    assert.equal(received.length, 0, 'nothing is sent while the question is open');
    await button('Cancel').click();
    await sidebar().getByText('Your credentials were not sent').first().waitFor({ timeout: 15_000 });
    assert.equal(received.length, 0);

    await wb.runCommand('Bedrock: Refresh Models');
    await sidebar().getByText('Your credentials were not sent').first().waitFor();
    assert.equal(await dialog().count(), 0, 'a declined host is not asked about again');
    assert.equal(received.length, 0);
  });

  it('Trusted Endpoints… → Trust → Trust and Send: the signed request reaches the host', async () => {
    await pick('Bedrock: Trusted Endpoints', `Trust ${foreign}`);
    await button('Trust and Send').click();
    await wb.runCommand('Bedrock: Refresh Models');
    await sidebar().getByText('Access denied').first().waitFor({ timeout: 15_000 });
    assert.ok(received.length > 0);
    assert.match(received[0].authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIAEMULATOR/);
  });

  it('Trusted Endpoints… → Revoke: nothing more is sent', async () => {
    await pick('Bedrock: Trusted Endpoints', `Revoke ${foreign}`);
    const before = received.length;
    await wb.runCommand('Bedrock: Refresh Models');
    await sidebar().getByText('Your credentials were not sent').first().waitFor({ timeout: 15_000 });
    assert.equal(received.length, before);
    await wb.screenshot('trust-revoked');
  });
});
