// Stability's services that take a mask, margins, an upscale or a second image, in a real VS Code
// against the emulator: Inpaint with a mask file through the file explorer's "Edit Image with
// Stability…" picker, Fast Upscale and Style Transfer from their rows in the Models view, Outpaint
// from the palette with its margins validated, and Erase Object refused before any call when the
// image has no transparency to be its mask. Each body is read from the emulator's log, sent through
// the `us.` profile, and the result is in the chat view's gallery.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatImagesMessage } from '../../src/shared/imageProtocol';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import { modelRow } from '../../src/core/explorer/treeRows';
import { decodePng, generatedPicture } from '../emulator/png';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';
import { answering, nextTurn, type AnsweringExtra, type ChatHost } from './imageTurns';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const INPAINT = 'stability.stable-image-inpaint-v1:0';
const ERASE = 'stability.stable-image-erase-object-v1:0';
const OUTPAINT = 'stability.stable-outpaint-v1:0';
const FAST = 'stability.stable-fast-upscale-v1:0';
const CREATIVE = 'stability.stable-creative-upscale-v1:0';
const STYLE_TRANSFER = 'stability.stable-style-transfer-v1:0';

describe("Stability's mask, margin, upscale and style services (real VS Code, emulator)", () => {
  let api: WorkbenchApi;
  let host: ChatHost;
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri;
  const files: Record<string, { uri: vscode.Uri; png: Buffer }> = {};
  const b64 = (name: string) => files[name]!.png.toString('base64');
  const uri = (name: string) => files[name]!.uri;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    host = await vscode.commands.executeCommand<ChatHost>('bedrock.openChat');
    await waitFor(host.onDidPost, () => host.isReady, 'the chat view to be ready');
    const pictures: Array<[string, Buffer]> = [
      ['harbour.png', generatedPicture('harbour', 96, 72)],
      ['harbour-mask.png', generatedPicture('mask', 96, 72)],
      ['brushwork.png', generatedPicture('brushwork', 80, 80)],
    ];
    for (const [name, png] of pictures) {
      files[name] = { uri: vscode.Uri.joinPath(folder(), name), png };
      await vscode.workspace.fs.writeFile(files[name]!.uri, png);
    }
  });
  beforeEach(() => clearEmulator());
  after(async () => {
    for (const f of Object.values(files)) await vscode.workspace.fs.delete(f.uri);
  });

  /** Picks the item with one of these ids in every quick pick, recording each pick's labels; fails loudly when none is there. */
  const choosing = (ids: string[], seen: string[][] = []) => (items: readonly { id?: string; label: string }[]) => {
    seen.push(items.map((i) => i.label));
    const i = items.findIndex((item) => item.id !== undefined && ids.includes(item.id));
    if (i < 0) throw new Error(`none of ${ids.join(', ')} offered: ${items.map((x) => x.id ?? x.label).join(', ')}`);
    return i;
  };
  const row = (id: string) => ({ kind: 'model', descriptor: api.catalog.descriptors.find((d) => d.id === id)!, profiles: [] });
  const invokes = async () => (await recordedRequests()).filter((r) => r.route === 'InvokeModel');
  const images = (turn: HostToWebviewMessage[]) => (turn.find((m) => m.method === 'chat/images') as ChatImagesMessage | undefined)?.images ?? [];
  const sizeOf = (src: string) => {
    const png = decodePng(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'));
    return [png.width, png.height];
  };
  async function turnOf(command: string, arg: unknown, inputs: string[], pick: ReturnType<typeof choosing>, extra: AnsweringExtra): Promise<HostToWebviewMessage[]> {
    const stub = answering(inputs, pick, extra);
    try {
      return await nextTurn(host, () => vscode.commands.executeCommand(command, arg));
    } finally {
      stub.dispose();
    }
  }

  it('Edit Image with Stability… on a PNG: Inpaint with a mask file, the transparency offered instead', async () => {
    const seen: string[][] = [];
    const extra: AnsweringExtra = { fileQueue: [[uri('harbour-mask.png')]], prompts: [], pickTitles: [] };
    const turn = await turnOf('bedrock.editImageWithStability', uri('harbour.png'), ['a red fishing boat'], choosing(['maskInpaint', INPAINT, 'mask-file', 'run'], seen), extra);
    assert.equal(turn.at(-1)!.method, 'chat/end', JSON.stringify(turn.at(-1)));
    assert.ok(seen[0]!.includes('Inpaint with Mask') && seen[0]!.includes('Upscale') && seen[0]!.includes('Transfer Style'), `the picker lists the services: ${seen[0]}`);
    const maskChoice = seen.find((labels) => labels.some((l) => /transparency/.test(l)));
    assert.ok(maskChoice, 'the mask choice says the image\'s transparency can be the mask');
    assert.deepEqual(extra.prompts, ['What should be painted in the masked area?']);
    const call = (await invokes()).at(-1)!;
    assert.equal(call.modelId, `us.${INPAINT}`);
    const body = call.body as J;
    assert.equal(typeof body.seed, 'number', 'a seed is sent, so the edit can be regenerated');
    assert.deepEqual({ ...body, seed: 0 }, { image: b64('harbour.png'), mask: b64('harbour-mask.png'), prompt: 'a red fishing boat', seed: 0, output_format: 'png' });
    assert.deepEqual(sizeOf(images(turn)[0]!.src), [96, 72]);
  });

  it('Upscale Image from the Fast Upscale row: only the image is asked; the gallery gets it four times larger', async () => {
    const extra: AnsweringExtra = { files: [uri('harbour.png')], prompts: [] };
    const turn = await turnOf('bedrock.upscaleImage', row(FAST), [], choosing(['run']), extra);
    assert.equal(turn.at(-1)!.method, 'chat/end', JSON.stringify(turn.at(-1)));
    assert.deepEqual(extra.prompts, [], 'Fast Upscale takes no prompt');
    const call = (await invokes()).at(-1)!;
    assert.equal(call.modelId, `us.${FAST}`);
    assert.deepEqual(call.body, { image: b64('harbour.png'), output_format: 'png' });
    assert.deepEqual(sizeOf(images(turn)[0]!.src), [384, 288]);
  });

  it('Transfer Style from its row: the content image, then the style image, asked in that order', async () => {
    const extra: AnsweringExtra = { fileQueue: [[uri('harbour.png')], [uri('brushwork.png')]], dialogTitles: [], prompts: [] };
    const turn = await turnOf('bedrock.transferImageStyle', row(STYLE_TRANSFER), [''], choosing(['run']), extra);
    assert.equal(turn.at(-1)!.method, 'chat/end', JSON.stringify(turn.at(-1)));
    assert.deepEqual(extra.dialogTitles, ['Choose the content image (the picture to restyle)', 'Choose the style image (its look is applied to harbour.png)']);
    assert.deepEqual(extra.prompts, ['Steer the result (optional)']);
    const body = (await invokes()).at(-1)!.body as J;
    assert.deepEqual({ ...body, seed: 0 }, { init_image: b64('harbour.png'), style_image: b64('brushwork.png'), seed: 0, output_format: 'png' }, 'no prompt sent when none was given');
    assert.equal(images(turn).length, 1);
  });

  it('Outpaint from the palette: the margins are validated as typed; only the sides that grow are sent', async () => {
    const extra: AnsweringExtra = { files: [uri('harbour.png')], inputBoxes: [] };
    const turn = await turnOf('bedrock.outpaintImage', undefined, ['40 0 0 20', ''], choosing([OUTPAINT, 'run']), extra);
    assert.equal(turn.at(-1)!.method, 'chat/end', JSON.stringify(turn.at(-1)));
    const validate = extra.inputBoxes![0]!.validateInput!;
    assert.match(String(await validate('0 0 0 0')), /at least one margin above 0/);
    assert.match(String(await validate('2001 0 0 0')), /left margin .* 0 to 2000; got 2001/);
    assert.match(String(await validate('40 0 20')), /four numbers/);
    assert.equal(await validate('40 0 0 20'), undefined);
    const body = (await invokes()).at(-1)!.body as J;
    assert.deepEqual({ ...body, seed: 0 }, { image: b64('harbour.png'), left: 40, down: 20, seed: 0, output_format: 'png' });
    assert.deepEqual(sizeOf(images(turn)[0]!.src), [136, 92]);
  });

  it("Upscale from the Creative Upscale row: Options… sets creativity (checked as typed) and a style preset; Run sends them, and the next run remembers them", async () => {
    type Item = { id?: string; label: string; description?: string };
    const shown: Item[][] = [];
    /** Answers each quick pick with the next id of the script; '<escape>' backs out. */
    const script = (ids: string[]) => (items: readonly Item[]) => {
      shown.push([...items]);
      const id = ids.shift();
      if (id === '<escape>') return -1;
      const i = items.findIndex((item) => item.id === id);
      if (i < 0) throw new Error(`${id} not offered: ${items.map((x) => x.id ?? x.label).join(', ')}`);
      return i;
    };
    const extra: AnsweringExtra = { files: [uri('harbour.png')], inputBoxes: [], pickTitles: [] };
    const steps = ['options', 'creativity', 'style_preset', 'anime', '<escape>', 'run'];
    const turn = await turnOf('bedrock.upscaleImage', row(CREATIVE), ['a harbour at noon', '0.45'], script(steps), extra);
    assert.equal(turn.at(-1)!.method, 'chat/end', JSON.stringify(turn.at(-1)));
    assert.deepEqual(steps, [], 'every step of the script was asked');
    assert.deepEqual(shown[0]!.map((i) => i.id), ['run', 'options'], 'Run comes first: Enter runs as before');
    const firstList = shown[1]!;
    assert.deepEqual(firstList.map((i) => i.id), ['negative_prompt', 'style_preset', 'creativity', 'seed', 'output_format'], "Creative Upscale's own fields");
    assert.equal(firstList.find((i) => i.id === 'creativity')!.description, 'default: 0.3');
    const box = extra.inputBoxes!.at(-1)!;
    assert.match(String(await box.validateInput!('0.6')), /^Creativity \(creativity\) must be a number from 0\.1 to 0\.5 in steps of 0\.01; got 0\.6\.$/);
    assert.equal(await box.validateInput!('0.45'), undefined);
    const presets = shown[3]!;
    assert.equal(presets[0]!.label, 'None', 'the preset can be left unset, its default');
    assert.ok(presets.some((i) => i.id === 'tile-texture') && presets.length === 18, 'the documented presets');
    const afterEdits = shown[4]!;
    assert.equal(afterEdits.find((i) => i.id === 'creativity')!.description, '0.45');
    assert.equal(afterEdits.find((i) => i.id === 'style_preset')!.description, 'anime');
    assert.match(shown[5]!.find((i) => i.id === 'run')!.description!, /Style preset anime · Creativity 0\.45/);
    const body = (await invokes()).at(-1)!.body as J;
    assert.deepEqual({ ...body, seed: 0 }, { image: b64('harbour.png'), prompt: 'a harbour at noon', seed: 0, creativity: 0.45, style_preset: 'anime', output_format: 'png' });

    const again = await turnOf('bedrock.upscaleImage', row(CREATIVE), ['a harbour at dusk'], script(['run']), { files: [uri('harbour.png')] });
    assert.equal(again.at(-1)!.method, 'chat/end', JSON.stringify(again.at(-1)));
    const next = (await invokes()).at(-1)!.body as J;
    assert.deepEqual([next.prompt, next.creativity, next.style_preset], ['a harbour at dusk', 0.45, 'anime'], 'remembered for the session');
  });

  it('Erase Object with the transparency as the mask, on an image with none: refused before any call', async () => {
    const extra: AnsweringExtra = { files: [uri('harbour.png')], warnings: [] };
    const stub = answering([], choosing(['mask-alpha']), extra);
    try {
      await vscode.commands.executeCommand('bedrock.eraseImageObject', row(ERASE));
    } finally {
      stub.dispose();
    }
    assert.equal(extra.warnings!.length, 1, JSON.stringify(extra.warnings));
    assert.match(extra.warnings![0]!, /^harbour\.png has no transparency \(alpha channel\), so it cannot be its own mask\. Choose a mask image/);
    assert.deepEqual(await invokes(), []);
  });

  it('the Models view offers each service its one command; the file explorer one picker, on WebP too', () => {
    const flags = (id: string) => modelRow(row(id) as never).contextValue.split(' ').filter((f) => f.startsWith('image'));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as J;
    const menus = (pkg.contributes.menus['view/item/context'] as J[]).filter((m) => String(m.when).startsWith('view == bedrock.models'));
    const offered = (id: string) => menus.filter((m) => flags(id).some((f) => String(m.when).includes(`\\b${f}\\b`))).map((m) => m.command as string);
    assert.deepEqual(offered(INPAINT), ['bedrock.inpaintImageWithMask']);
    assert.deepEqual(offered(ERASE), ['bedrock.eraseImageObject']);
    assert.deepEqual(offered(OUTPAINT), ['bedrock.outpaintImage']);
    assert.deepEqual(offered(FAST), ['bedrock.upscaleImage']);
    assert.deepEqual(offered(STYLE_TRANSFER), ['bedrock.transferImageStyle']);
    const explorer = (pkg.contributes.menus['explorer/context'] as J[]).find((m) => m.command === 'bedrock.editImageWithStability');
    assert.match(String(explorer?.when), /webp/);
  });
});
