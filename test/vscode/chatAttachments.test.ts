// Attachments in the real extension host against the emulator: files from the workspace by
// reference, pasted bytes by hash, the selection; refusals for files outside the workspace and
// credential files; a turn that carries an image and a document to the model and back.
import * as assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import type { AttachAddedMessage, AttachRefusedMessage, HostToWebviewMessage } from '../../src/shared/protocol';
import type { WireAttachment } from '../../src/shared/attachments';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { openReadyChatPanel } from './chatPanelReady';

const MODEL = 'amazon.nova-lite-v1:0';
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('chat attachments (extension host, emulator)', () => {
  let api: WorkbenchApi;
  let host: ChatPanelHost<vscode.WebviewPanel>;
  const folder = () => vscode.workspace.workspaceFolders![0].uri;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    host = await openReadyChatPanel(api);
    const enc = new TextEncoder();
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), 'docs', 'Q3 report.pdf'), enc.encode('%PDF-1.4\n% a small test document\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), '.env'), enc.encode('AWS_SECRET_ACCESS_KEY=nope\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), 'src', 'cache.ts'), enc.encode('export const ttl = 60;\nexport const size = 100;\nexport const name = "lru";\n'));
  });
  beforeEach(() => clearEmulator());
  after(() => api.chat.panelForTests()?.panel.dispose());

  /** Sends `msg` as the webview would and returns the attach answers it caused. */
  async function attach(msg: unknown, answers = 1): Promise<Array<AttachAddedMessage | AttachRefusedMessage>> {
    const got: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => got.push(m));
    try {
      await host.receive(msg);
      return got.filter((m): m is AttachAddedMessage | AttachRefusedMessage => m.method === 'attach/added' || m.method === 'attach/refused').slice(0, answers);
    } finally {
      sub.dispose();
    }
  }
  const added = (m: AttachAddedMessage | AttachRefusedMessage | undefined): WireAttachment => {
    assert.equal(m?.method, 'attach/added', m?.method === 'attach/refused' ? m.message : 'no answer');
    return (m as AttachAddedMessage).attachment;
  };

  it('a workspace document by reference; .env and files outside the workspace are refused by name', async () => {
    const [doc, env] = await attach({ method: 'attach/uris', uris: [vscode.Uri.joinPath(folder(), 'docs', 'Q3 report.pdf').toString(), vscode.Uri.joinPath(folder(), '.env').toString()] }, 2);
    const a = added(doc);
    assert.deepEqual([a.kind, a.format, a.name], ['document', 'pdf', 'docs/Q3 report.pdf']);
    assert.ok('uri' in a.source && a.source.uri.endsWith('Q3%20report.pdf'));
    assert.equal(env?.method === 'attach/refused' && env.message, '.env is a credentials file; the chat never attaches credentials.');
    const outside = join(await mkdtemp(join(tmpdir(), 'outside-')), 'notes.txt');
    await writeFile(outside, 'hello');
    const [o] = await attach({ method: 'attach/uris', uris: [vscode.Uri.file(outside).toString()] });
    assert.equal(o?.method === 'attach/refused' && o.message, 'notes.txt is outside the workspace; the chat attaches files from the open folders only.');
  });

  it('the selection as text with its lines, kept in the content store', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'src', 'cache.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 2, 10);
    const a = added((await attach({ method: 'attach/pick', what: 'selection' }))[0]);
    assert.deepEqual([a.kind, a.name, a.note], ['text', 'src/cache.ts', 'lines 2–3']);
    assert.ok('sha256' in a.source);
  });

  it('sends a pasted image and a workspace PDF to the model; history keeps references, not bytes', async () => {
    const image = added((await attach({ method: 'attach/data', name: 'pasted-image.png', mime: 'image/png', dataBase64: PNG_1X1 }))[0]);
    assert.ok('sha256' in image.source && /^[0-9a-f]{64}$/.test(image.source.sha256));
    const doc = added((await attach({ method: 'attach/uris', uris: [vscode.Uri.joinPath(folder(), 'docs', 'Q3 report.pdf').toString()] }))[0]);
    const texts: string[] = [];
    const sub = host.onDidPost((m) => m.method === 'chat/delta' && m.requestId === 'att-1' && texts.push(m.text));
    const conversationId = `attach-${Date.now()}`;
    await host.receive({ method: 'chat/send', requestId: 'att-1', conversationId, text: 'What is in these?', modelId: MODEL, attachments: [image, doc] });
    sub.dispose();
    assert.match(texts.join(''), /^Received image png 70 bytes 1x1; document pdf "Q3 report" 33 bytes\./);
    const sent = (await recordedRequests()).find((r) => r.route === 'ConverseStream');
    const content = (sent?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0].content;
    assert.deepEqual(content[1], { image: { format: 'png', source: { bytes: PNG_1X1 } } });
    const stored = JSON.stringify(api.chat.history.get(conversationId));
    assert.ok(stored.includes(image.source && 'sha256' in image.source ? image.source.sha256 : 'x'));
    assert.ok(!stored.includes(PNG_1X1), 'no image bytes in the stored conversation');
  });

  it('a model that takes no images is told before anything is sent', async () => {
    const image = added((await attach({ method: 'attach/data', name: 'pasted-image.png', mime: 'image/png', dataBase64: PNG_1X1 }))[0]);
    const errors: string[] = [];
    const sub = host.onDidPost((m) => m.method === 'chat/error' && m.requestId === 'att-2' && errors.push(m.error.message));
    await host.receive({ method: 'chat/send', requestId: 'att-2', conversationId: `attach-micro-${Date.now()}`, text: 'Describe it', modelId: 'amazon.nova-micro-v1:0', attachments: [image] });
    sub.dispose();
    assert.match(errors[0] ?? '', /^Nova Micro does not accept images/);
    assert.equal((await recordedRequests()).filter((r) => r.route?.startsWith('Converse')).length, 0);
  });
});
