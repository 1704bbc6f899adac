// Stability's image services from the explorer in a real VS Code, against the emulator: Edit with
// Prompt on a PNG with Search and Replace (its own question, a prompt it requires), Remove
// Background from the models view (the model first, then the file), Generate Variations with
// Control Structure; each body read from the emulator's log, sent through the `us.` profile, and
// the result in the chat view's gallery. The models view offers each model only what it can do.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatImagesMessage } from '../../src/shared/imageProtocol';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import { modelRow } from '../../src/core/explorer/treeRows';
import { generatedPicture } from '../emulator/png';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';
import { answering, nextTurn, type ChatHost } from './imageTurns';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const REMOVE_BG = 'stability.stable-image-remove-background-v1:0';
const SEARCH_REPLACE = 'stability.stable-image-search-replace-v1:0';
const STRUCTURE = 'stability.stable-image-control-structure-v1:0';

describe("Stability's image services from the explorer (real VS Code, emulator)", () => {
  let api: WorkbenchApi;
  let host: ChatHost;
  let photo: vscode.Uri;
  const png = generatedPicture('street photo', 96, 72);

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    host = await vscode.commands.executeCommand<ChatHost>('bedrock.openChat');
    await waitFor(host.onDidPost, () => host.isReady, 'the chat view to be ready');
    photo = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'street.png');
    await vscode.workspace.fs.writeFile(photo, png);
  });
  beforeEach(() => clearEmulator());
  after(() => vscode.workspace.fs.delete(photo));

  const pickModel = (id: string) => (items: readonly { id?: string; label: string }[]) => items.findIndex((i) => i.id === id);
  const lastInvoke = async () => (await recordedRequests()).filter((r) => r.route === 'InvokeModel').at(-1)!;
  const images = (turn: HostToWebviewMessage[]) => (turn.find((m) => m.method === 'chat/images') as ChatImagesMessage | undefined)?.images ?? [];

  it('Edit with Prompt on a PNG with Search and Replace: asks what replaces the part, sends its body', async () => {
    const prompts: string[] = [];
    const stub = answering(['the car', 'a bicycle'], pickModel(SEARCH_REPLACE), { prompts });
    let turn: HostToWebviewMessage[];
    try {
      turn = await nextTurn(host, () => vscode.commands.executeCommand('bedrock.editImageWithPrompt', photo));
    } finally {
      stub.dispose();
    }
    assert.deepEqual(prompts, ['Which part of the image should change?', 'What should replace it?']);
    assert.equal(turn.at(-1)!.method, 'chat/end', JSON.stringify(turn.at(-1)));
    const call = await lastInvoke();
    assert.equal(call.modelId, `us.${SEARCH_REPLACE}`);
    const body = call.body as J;
    assert.deepEqual({ ...body, seed: 0 }, { image: Buffer.from(png).toString('base64'), prompt: 'a bicycle', seed: 0, output_format: 'png', search_prompt: 'the car' });
    assert.equal(typeof body.seed, 'number', 'a seed is sent, so the edit can be regenerated');
    assert.equal(images(turn).length, 1);
    assert.equal(images(turn)[0]!.seed, body.seed);
  });

  it('Remove Background from the models view: the model is given, the image is asked for', async () => {
    const d = api.catalog.descriptors.find((x) => x.id === REMOVE_BG)!;
    const stub = answering([], () => 0, { files: [photo] });
    let turn: HostToWebviewMessage[];
    try {
      turn = await nextTurn(host, () => vscode.commands.executeCommand('bedrock.removeImageBackground', { kind: 'model', descriptor: d, profiles: [] }));
    } finally {
      stub.dispose();
    }
    assert.equal(turn.at(-1)!.method, 'chat/end', JSON.stringify(turn.at(-1)));
    const call = await lastInvoke();
    assert.equal(call.modelId, `us.${REMOVE_BG}`);
    assert.deepEqual(call.body, { image: Buffer.from(png).toString('base64'), output_format: 'png' });
    assert.match(images(turn)[0]!.src, /^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('Generate Variations with Control Structure requires a prompt, offers its options, and sends the image with them', async () => {
    const prompts: string[] = [];
    // The model, then Options… → Control strength (typed below) → back → Run.
    const steps = [STRUCTURE, 'options', 'control_strength', '<escape>', 'run'];
    const answer = (items: readonly { id?: string }[]) => {
      const id = steps.shift();
      return id === '<escape>' ? -1 : items.findIndex((i) => i.id === id);
    };
    const stub = answering(['the same street in snow', '0.35'], answer, { prompts });
    let turn: HostToWebviewMessage[];
    try {
      turn = await nextTurn(host, () => vscode.commands.executeCommand('bedrock.generateImageVariations', photo));
    } finally {
      stub.dispose();
    }
    assert.deepEqual(prompts, ['Describe the variations (the structure of the image is kept)', 'How closely the result follows the input image: a number from 0 to 1 in steps of 0.01. Empty for the default (0.7).']);
    assert.equal(turn.at(-1)!.method, 'chat/end', JSON.stringify(turn.at(-1)));
    const body = (await lastInvoke()).body as J;
    assert.equal(body.prompt, 'the same street in snow');
    assert.equal(body.image, Buffer.from(png).toString('base64'));
    assert.deepEqual(Object.keys(body).sort(), ['control_strength', 'image', 'output_format', 'prompt', 'seed']);
    assert.equal(body.control_strength, 0.35, 'set under Options…');
    assert.deepEqual(steps, [], 'every step was asked');
  });

  it('the models view offers each model only its tasks; the chat lists each with its tasks', async () => {
    const flags = (id: string) => modelRow({ kind: 'model', descriptor: api.catalog.descriptors.find((d) => d.id === id)!, profiles: [] } as never).contextValue.split(' ');
    assert.ok(flags(REMOVE_BG).includes('imageRemoveBackground') && !flags(REMOVE_BG).includes('image') && !flags(REMOVE_BG).includes('imageEdit'));
    assert.ok(flags(SEARCH_REPLACE).includes('imageEdit'));
    assert.ok(flags(STRUCTURE).includes('imageVariation'));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as J;
    const menus = (pkg.contributes.menus['view/item/context'] as J[]).filter((m) => String(m.when).startsWith('view == bedrock.models'));
    const when = (command: string) => menus.find((m) => m.command === command)?.when as string;
    assert.match(when('bedrock.removeImageBackground'), /\\bimageRemoveBackground\\b/);
    assert.match(when('bedrock.editImageWithPrompt'), /\\bimageEdit\\b/);
    assert.match(when('bedrock.generateImageVariations'), /\\bimageVariation\\b/);
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    try {
      await host.receive({ method: 'models/list' });
      const list = await waitFor(host.onDidPost, () => posts.find((m) => m.method === 'models/list'), 'the model list');
      const models = (list as { models: Array<{ id: string; image?: { tasks: string[] } }> }).models;
      // Listed with their one task (an edit runs as an image turn); the picker's sections leave them out.
      assert.deepEqual(models.find((m) => m.id === SEARCH_REPLACE)?.image?.tasks, ['inpaint']);
      assert.deepEqual(models.find((m) => m.id === REMOVE_BG)?.image?.tasks, ['removeBackground']);
    } finally {
      sub.dispose();
    }
  });
});
