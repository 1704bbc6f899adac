// Image generation in a real VS Code: the commands run image turns in the chat view (its real
// webview sends the turn), the router calls the emulator's image models, the gallery's Save writes
// into the workspace, and the explorer offers the commands on image models and image files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import type { ChatImagesMessage } from '../../src/shared/imageProtocol';
import { modelRow } from '../../src/core/explorer/treeRows';
import { generatedPicture } from '../emulator/png';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';
import { answering, nextTurn, type ChatHost } from './imageTurns';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const CANVAS = 'amazon.nova-canvas-v1:0';

describe('images (real VS Code, against the emulator)', () => {
  let api: WorkbenchApi;
  let host: ChatHost;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    host = await vscode.commands.executeCommand<ChatHost>('bedrock.openChat');
    await waitFor(host.onDidPost, () => host.isReady, 'the chat view to be ready');
  });
  beforeEach(() => clearEmulator());

  it('Generate Image… asks for the prompt and runs an image turn whose gallery gets real PNGs', async () => {
    const stub = answering(['a lighthouse at dusk']);
    let turn: HostToWebviewMessage[];
    try {
      turn = await nextTurn(host, () => vscode.commands.executeCommand('bedrock.generateImage', CANVAS));
    } finally {
      stub.dispose();
    }
    assert.deepEqual(turn.map((m) => m.method), ['chat/start', 'chat/images', 'chat/delta', 'chat/end']);
    const images = (turn[1] as ChatImagesMessage).images;
    assert.ok(images.length >= 1);
    assert.ok(images.every((i) => i.src.startsWith('data:image/png;base64,iVBORw0KGgo')));
    const call = (await recordedRequests()).find((r) => r.route === 'InvokeModel')!;
    assert.equal(call.modelId, CANVAS);
    const body = call.body as J;
    assert.equal(body.taskType, 'TEXT_IMAGE');
    assert.equal(body.textToImageParams.text, 'a lighthouse at dusk');
    assert.equal(typeof body.imageGenerationConfig.seed, 'number', 'a seed is always sent, so the result can be regenerated');
    assert.equal(images[0]!.seed, body.imageGenerationConfig.seed);
  });

  it("Save writes the gallery's image into the workspace", async () => {
    const turn = await nextTurn(host, () => host.receive({ method: 'chat/send', requestId: 'img-save', conversationId: 'img-conv', text: 'a red fox', modelId: CANVAS, image: { count: 1, seed: 5 } }));
    const image = (turn.find((m) => m.method === 'chat/images') as ChatImagesMessage).images[0]!;
    await host.receive({ method: 'image/action', action: 'save', imageId: image.id });
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const saved = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'bedrock-images', `image-${image.id.slice(0, 8)}.png`));
    assert.equal(Buffer.from(saved).toString('base64'), image.src.slice('data:image/png;base64,'.length));
  });

  it("deleting a conversation deletes its images from the extension's storage", async () => {
    const turn = await nextTurn(host, () => host.receive({ method: 'chat/send', requestId: 'img-del', conversationId: 'img-conv-del', text: 'a blue heron', modelId: CANVAS, image: { count: 2 } }));
    const ids = (turn.find((m) => m.method === 'chat/images') as ChatImagesMessage).images.map((i) => i.id);
    const loaded = async (id: string) => {
      const posts: HostToWebviewMessage[] = [];
      const sub = host.onDidPost((m) => posts.push(m));
      await host.receive({ method: 'image/action', action: 'load', imageId: id });
      sub.dispose();
      return posts.find((m) => m.method === 'image/data');
    };
    assert.ok((await loaded(ids[0]!))?.method === 'image/data' && 'src' in (await loaded(ids[0]!))!);
    await host.receive({ method: 'history/delete', conversationId: 'img-conv-del' });
    for (const id of ids) {
      const data = await loaded(id);
      assert.ok(data?.method === 'image/data' && data.problem && !data.src, `image ${id} is gone`);
    }
  });

  it('Remove Background on a PNG in the explorer sends the file as the input image', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const file = vscode.Uri.joinPath(folder, 'photo.png');
    const png = generatedPicture('photo', 40, 30);
    await vscode.workspace.fs.writeFile(file, png);
    const stub = answering([], (items) => Math.max(0, items.findIndex((i) => i.id === CANVAS)));
    let turn: HostToWebviewMessage[];
    try {
      turn = await nextTurn(host, () => vscode.commands.executeCommand('bedrock.removeImageBackground', file));
    } finally {
      stub.dispose();
    }
    assert.equal(turn.at(-1)!.method, 'chat/end');
    const body = (await recordedRequests()).find((r) => r.route === 'InvokeModel')!.body as J;
    assert.deepEqual(Object.keys(body), ['taskType', 'backgroundRemovalParams']);
    assert.equal(body.backgroundRemovalParams.image, Buffer.from(png).toString('base64'));
  });

  it("a blocked prompt ends the turn with the model's own words, and nothing is kept as an image", async () => {
    const turn = await nextTurn(host, () => host.receive({ method: 'chat/send', requestId: 'img-blocked', conversationId: 'img-conv-2', text: 'something [filter:input]', modelId: CANVAS, image: {} }));
    const end = turn.at(-1)!;
    assert.equal(end.method, 'chat/error');
    assert.match(end.method === 'chat/error' ? end.error.message : '', /blocked the prompt, so nothing was generated: "This request has been blocked by our content filters\. Please adjust your text prompt to submit a new request\."/);
    assert.ok(!turn.some((m) => m.method === 'chat/images'));
  });

  it('the explorer offers Generate Image… on image models and the file commands on PNG and JPEG files', () => {
    const canvas = api.catalog.descriptors.find((d) => d.id === CANVAS)!;
    assert.match(modelRow({ kind: 'model', descriptor: canvas, profiles: [] } as never).contextValue, /\bimage\b/);
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as J;
    const itemMenu = (pkg.contributes.menus['view/item/context'] as J[]).find((m) => m.command === 'bedrock.generateImage')!;
    assert.match(itemMenu.when, /viewItem =~ \/\\bimage\\b\//);
    const IMAGE_FILE_COMMANDS = ['bedrock.generateImageVariations', 'bedrock.removeImageBackground', 'bedrock.editImageWithPrompt'];
    const files = (pkg.contributes.menus['explorer/context'] as J[]).filter((m) => IMAGE_FILE_COMMANDS.includes(m.command)).map((m) => [m.command, m.when]);
    assert.deepEqual(files.map(([c]) => c), ['bedrock.generateImageVariations', 'bedrock.removeImageBackground', 'bedrock.editImageWithPrompt']);
    const when = new RegExp(String(files[0]![1]).match(/=~ \/(.*)\/i$/)![1]!, 'i');
    assert.ok(['.png', '.PNG', '.jpg', '.jpeg'].every((e) => when.test(e)) && !when.test('.gif'));
  });
});
