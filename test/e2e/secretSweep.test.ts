// Marker credentials in the real workbench: AWS keys from the environment, then an API key typed
// into "Bedrock: Set API Key". Turns succeed and fail — including errors that echo the request's
// headers back — and an embedding fails into a notification. Then every place the extension writes
// to is swept for the markers, raw or encoded: the log files, stored state (server-side files and
// the browser's IndexedDB/localStorage, where the web workbench keeps workspace state), the chat
// webview's DOM and the workbench DOM with its notifications.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MARKER, survivingMarkers } from '../unit/core/bedrock/errors/secretEchoes';
import { chatPageFrame, openChat, sendPrompt } from './chatPage';
import { onlyWebview } from './webviewOver';
import { closeAfterSuite, openWorkbench, type Workbench } from './workbench';

const CHAT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const EMBED_MODEL = 'amazon.titan-embed-text-v2:0';
const MARKERS = Object.values(MARKER);
const ECHO_HEADERS = "The security token '{header:x-amz-security-token}' is expired. Request headers: {headers}";
const ECHO_ENCODED = 'Malformed input request: auth={header:authorization|url} token=<Token>{header:x-amz-security-token}</Token> b64={header:authorization|base64}';



function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

/**
 * Everything the page's origin stores: IndexedDB (workspace and global state) and localStorage.
 * A string, not a function: the test runner's transpiler would add helpers the page lacks.
 */
const READ_BROWSER_STORAGE = `(async () => {
  const out = [];
  const show = (v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : typeof v === 'string' ? v : JSON.stringify(v));
  const request = (req) => new Promise((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
  for (const info of await indexedDB.databases()) {
    const db = await request(indexedDB.open(info.name));
    for (const store of Array.from(db.objectStoreNames)) {
      const values = await request(db.transaction(store, 'readonly').objectStore(store).getAll());
      const keys = await request(db.transaction(store, 'readonly').objectStore(store).getAllKeys());
      values.forEach((v, i) => out.push(info.name + '/' + store + '/' + String(keys[i]) + ' = ' + show(v)));
    }
    db.close();
  }
  for (let i = 0; i < localStorage.length; i++) out.push('localStorage/' + localStorage.key(i) + ' = ' + localStorage.getItem(localStorage.key(i)));
  return out.join('\\n');
})()`;

describe('no credential reaches a log, stored state, the chat or a notification (real workbench)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({
      workspaceFiles: { 'notes.txt': 'Caching keeps recent answers close to where they are needed.\n' },
      settings: { 'bedrock.chat.defaultModel': CHAT_MODEL, 'bedrock.embedding.defaultModel': EMBED_MODEL },
      env: { AWS_ACCESS_KEY_ID: MARKER.accessKeyId, AWS_SECRET_ACCESS_KEY: MARKER.secretAccessKey, AWS_SESSION_TOKEN: MARKER.sessionToken },
    });
  });
  closeAfterSuite('secrets', () => wb);

  const send = (text: string) => sendPrompt(onlyWebview(wb.page), text);

  async function turnEnds(n: number, kind: 'ok' | 'error'): Promise<string> {
    const reply = onlyWebview(wb.page).locator('.turn-assistant').nth(n);
    await (kind === 'ok' ? reply.locator('.turn-line', { hasText: / · total \d/ }) : reply.locator('.turn-error')).waitFor({ timeout: 30_000 });
    return reply.innerText();
  }

  it('signs with the marker AWS keys: a turn succeeds, turns whose errors echo the headers fail', async () => {
    const emu = wb.emulator!;
    await openChat(wb);
    await send('Explain caching');
    await turnEnds(0, 'ok');
    const signed = emu.requests.find((r) => r.route === 'ConverseStream')!;
    assert.equal(signed.headers['x-amz-security-token'], MARKER.sessionToken, 'the marker session token was sent');
    assert.equal(signed.auth.accessKeyId, MARKER.accessKeyId);

    emu.fault({ kind: 'expiredToken', route: 'ConverseStream', message: ECHO_HEADERS });
    await send('Explain caching again');
    assert.match(await turnEnds(1, 'error'), /expired/i);
    emu.fault({ kind: 'exceptionAfter', afterEvents: 3, exception: 'validation', route: 'ConverseStream', message: ECHO_ENCODED });
    await send('And once more');
    assert.match(await turnEnds(2, 'error'), /rejected the request/);
  });

  it('an embedding whose error echoes the request fails into a notification', async () => {
    wb.emulator!.fault({ kind: 'validation', route: 'InvokeModel', message: ECHO_HEADERS });
    await (await wb.openFile('notes.txt', 'Caching keeps')).locator('.view-lines').click();
    await wb.page.keyboard.press('Control+A');
    await wb.runCommand('Bedrock: Embed Selection');
    await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Embedding failed' }).first().waitFor({ timeout: 30_000 });
  });

  it('with a marker API key set through the command: a turn succeeds, one whose error echoes the bearer token fails', async () => {
    await wb.runCommand('Bedrock: Set API Key');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(MARKER.apiKey);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'API key saved' }).first().waitFor({ timeout: 15_000 });
    const emu = wb.emulator!;
    emu.clearRequests();
    // The connection rebuilds its clients on the secret change; the next turn carries the key.
    await wb.runCommand('Bedrock: Open Chat');
    await send('Explain caching with the key');
    await turnEnds(3, 'ok');
    assert.equal(emu.requests.find((r) => r.route === 'ConverseStream')?.auth.token, MARKER.apiKey, 'the marker API key was sent');
    emu.fault({ kind: 'invalidToken', route: 'ConverseStream', message: 'Invalid API key {header:authorization} ({header:authorization|url}, {header:authorization|base64})' });
    await send('And with the key again');
    assert.match(await turnEnds(4, 'error'), /rejected your credentials/);
  });

  it('sweeps the chat DOM, the workbench DOM and its notifications: no marker', async () => {
    const chatHtml = await (await chatPageFrame(wb.page)).evaluate(() => document.documentElement.outerHTML);
    assert.match(chatHtml, /turn-error-detail/, 'the error details are in the DOM being swept');
    assert.deepEqual(survivingMarkers(chatHtml, MARKERS), [], 'chat webview DOM');
    assert.match(chatHtml, /\*\*\*/, 'the echoes reached the chat, masked');
    await wb.runCommand('Notifications: Show Notifications');
    const center = wb.page.locator('.notifications-center .notification-list-item');
    await center.first().waitFor({ timeout: 15_000 });
    const notifications = (await center.allInnerTexts()).join('\n');
    assert.match(notifications, /Embedding failed/);
    assert.deepEqual(survivingMarkers(notifications, MARKERS), [], 'notifications');
    assert.deepEqual(survivingMarkers(await wb.page.evaluate(() => document.documentElement.outerHTML), MARKERS), [], 'workbench DOM');
  });

  it('sweeps the log files and stored state: no marker in any file of the user-data folder or in browser storage', async () => {
    // Reading the Output channel through the UI makes the log visible to the sweep even if a file
    // write were still buffered; the files are what stays on disk.
    await wb.runCommand('Bedrock: Show Log');
    const files = filesUnder(wb.userDataDir);
    const logs = files.filter((f) => /Bedrock Workbench\.log$/.test(f));
    assert.ok(logs.length > 0, `the extension's log file exists (files: ${files.map((f) => f.slice(wb.userDataDir.length)).join(', ')})`);
    assert.match(logs.map((f) => readFileSync(f, 'utf8')).join('\n'), /ended with (credentials|validation)/, 'the failed turns were logged');
    for (const f of files) {
      if (statSync(f).size > 20_000_000) continue;
      assert.deepEqual(survivingMarkers(readFileSync(f).toString('latin1'), MARKERS), [], f);
    }
    const stored = (await wb.page.evaluate(READ_BROWSER_STORAGE)) as string;
    assert.match(stored, /bedrock\.chat\.conversation\//, 'the chat history is in the storage being swept');
    assert.deepEqual(survivingMarkers(stored, MARKERS), [], 'browser storage');
  });
});
