import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, fault, recordedRequests } from './emulatorClient';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

async function selectAll(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(content.length));
  return editor;
}

async function titanCalls() {
  return (await recordedRequests()).filter((r) => r.route === 'InvokeModel' && r.modelId === TITAN_V2);
}

describe('Embed Selection (real editors, against the emulator)', () => {
  let api: WorkbenchApi;
  const cfg = () => vscode.workspace.getConfiguration('bedrock.embedding');

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    await cfg().update('defaultModel', TITAN_V2, vscode.ConfigurationTarget.Global);
    await cfg().update('dimensions', 512, vscode.ConfigurationTarget.Global);
  });
  beforeEach(() => clearEmulator());
  after(async () => {
    await cfg().update('dimensions', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a JSON document with model, dimension, unit norm and the vector', async () => {
    await selectAll('function add(a, b) { return a + b; }');
    const doc = (await vscode.commands.executeCommand('bedrock.embedSelection')) as vscode.TextDocument;
    assert.ok(doc, 'a document was opened');
    assert.equal(doc.languageId, 'json');
    const json = JSON.parse(doc.getText());
    assert.equal(json.model, TITAN_V2);
    assert.equal(json.dimension, 512);
    assert.equal(json.chunks.length, 1);
    assert.equal(json.chunks[0].vector.length, 512);
    assert.equal(json.normalized, true);
    assert.ok(Math.abs(json.l2Norm - 1) < 1e-3, `norm ${json.l2Norm}`);
    const [call] = await titanCalls();
    assert.equal((call.body as { dimensions: number }).dimensions, 512);
  });

  it('chunks a 200,000-character selection within Titan’s limits, covering every character once', async () => {
    const words = Array.from({ length: 40_000 }, (_, i) => `w${i % 997}`).join(' ');
    const text = words.slice(0, 200_000).padEnd(200_000, 'x');
    await selectAll(text);
    const doc = (await vscode.commands.executeCommand('bedrock.embedSelection')) as vscode.TextDocument;
    const json = JSON.parse(doc.getText());
    const calls = await titanCalls();
    assert.ok(calls.length >= 4, `${calls.length} calls`);
    for (const c of calls) assert.ok((c.body as { inputText: string }).inputText.length <= 50_000);
    let pos = 0;
    for (const chunk of json.chunks) {
      assert.equal(chunk.start, pos, 'chunks are contiguous');
      pos = chunk.end;
    }
    assert.equal(pos, 200_000);
    assert.equal(json.chunks.length, calls.length);
  });

  it('retries throttled chunks: none lost, none duplicated', async () => {
    // Every chunk distinct, so a chunk embedded twice would show up as a duplicate body.
    const text = Array.from({ length: 12_000 }, (_, i) => `token${i}`).join(' '); // ~100,000 characters → several chunks
    await selectAll(text);
    await fault({ kind: 'throttling', route: 'InvokeModel', model: TITAN_V2, count: 3 });
    const doc = (await vscode.commands.executeCommand('bedrock.embedSelection')) as vscode.TextDocument;
    const json = JSON.parse(doc.getText());
    const calls = await titanCalls();
    const throttled = calls.filter((c) => c.status === 429).length;
    const ok = calls.filter((c) => c.status === 200);
    assert.equal(throttled, 3, 'three requests were throttled');
    assert.equal(ok.length, json.chunks.length, 'one successful call per chunk');
    const sent = ok.map((c) => (c.body as { inputText: string }).inputText).sort();
    assert.equal(new Set(sent).size, sent.length, 'no chunk sent twice successfully');
    assert.equal(json.chunks.at(-1).end, text.length);
  });

  it('cancelling stops the remaining requests', async () => {
    const text = 'abc def ghi '.repeat(40_000); // 480,000 characters → ~20 chunks
    await fault({ kind: 'stall', route: 'InvokeModel', model: TITAN_V2, count: 100 });
    const abort = new AbortController();
    const pending = api.router.embed({ modelId: TITAN_V2, texts: [text], concurrency: 4 }, abort.signal);
    const deadline = Date.now() + 10_000;
    while ((await titanCalls()).length < 4 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    abort.abort(new Error('test cancel'));
    await assert.rejects(pending, (e: Error & { classified?: { kind: string } }) => e.classified?.kind === 'cancelled');
    const after = (await titanCalls()).length;
    assert.ok(after <= 4, `only the in-flight requests were made (${after})`);
  });

  it('empty, whitespace-only and binary selections send nothing', async () => {
    for (const content of ['', '   \n\t  ', 'PK\u0003\u0004\u0000\u0000binary']) {
      await selectAll(content);
      const result = await vscode.commands.executeCommand('bedrock.embedSelection');
      assert.equal(result, undefined);
    }
    assert.equal((await titanCalls()).length, 0);
  });

  it('compares the selection with the last embedding: related text scores higher', async () => {
    await selectAll('the quick brown fox jumps over the lazy dog');
    await vscode.commands.executeCommand('bedrock.embedSelection');
    await selectAll('the quick brown fox jumps over the sleepy dog');
    const related = (await vscode.commands.executeCommand('bedrock.compareEmbeddings')) as number;
    await selectAll('quarterly revenue grew in the european market');
    const unrelated = (await vscode.commands.executeCommand('bedrock.compareEmbeddings')) as number;
    assert.ok(related > unrelated, `related ${related} > unrelated ${unrelated}`);
    assert.ok(related > 0.5 && related <= 1.0001);
  });
});
