// The questions of "Generate Video…" inside a real VS Code, against the emulator: manual multi-shot
// with an image for one shot (picked from the workspace's images) and a seed, the job's body read
// from the emulator's log; a wrong-size shot image and a bad seed are refused with what to change.
// The quick inputs are answered by replacing showQuickPick / showInputBox for the test's length:
// the extension host cannot type into the workbench's quick input (the e2e tier does that).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { generatedPicture } from '../emulator/png';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';

const REEL_MULTI = 'amazon.nova-reel-v1:1';

type Item = vscode.QuickPickItem & Record<string, unknown>;
/** A quick pick is answered by the label it matches; an input box by the text. */
type Answer = { pick: RegExp } | { type: string };

interface Asked {
  titles: string[];
  /** What each input box's validation said about the text typed into it. */
  validation: Array<string | undefined>;
  errors: string[];
}

function answering(answers: Answer[]): { asked: Asked; restore: () => void } {
  const w = vscode.window as unknown as Record<string, unknown>;
  const real = { showInputBox: w.showInputBox, showQuickPick: w.showQuickPick, showErrorMessage: w.showErrorMessage };
  const asked: Asked = { titles: [], validation: [], errors: [] };
  const next = (kind: 'pick' | 'type', title: string | undefined) => {
    asked.titles.push(title ?? '');
    const a = answers.shift();
    if (!a) return undefined;
    assert.ok(kind in a, `"${title}" asked for a ${kind === 'pick' ? 'pick' : 'typed answer'}`);
    return a;
  };
  w.showQuickPick = async (items: readonly Item[] | Thenable<readonly Item[]>, options?: vscode.QuickPickOptions) => {
    const a = next('pick', options?.title) as { pick: RegExp } | undefined;
    if (!a) return undefined;
    const list = await items;
    const found = list.find((i) => a.pick.test(i.label));
    assert.ok(found, `"${options?.title}" offers ${a.pick}: ${list.map((i) => i.label).join(' | ')}`);
    return found;
  };
  w.showInputBox = async (options?: vscode.InputBoxOptions) => {
    const a = next('type', options?.title) as { type: string } | undefined;
    if (!a) return undefined;
    const problem = await options?.validateInput?.(a.type);
    asked.validation.push(typeof problem === 'string' ? problem : undefined);
    return problem ? undefined : a.type;
  };
  w.showErrorMessage = async (message: string) => {
    asked.errors.push(message);
    return undefined;
  };
  return { asked, restore: () => Object.assign(w, real) };
}

describe('Generate Video… questions (real VS Code, emulator)', () => {
  let frame: vscode.Uri;
  let wide: vscode.Uri;

  before(async () => {
    const api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    frame = vscode.Uri.joinPath(folder, 'frames', 'harbour-1280x720.png');
    wide = vscode.Uri.joinPath(folder, 'frames', 'harbour-640x360.png');
    await vscode.workspace.fs.writeFile(frame, generatedPicture('harbour', 1280, 720));
    await vscode.workspace.fs.writeFile(wide, generatedPicture('harbour small', 640, 360));
  });
  beforeEach(() => clearEmulator());
  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'frames'), { recursive: true });
  });

  it('manual multi-shot with an image for the first shot and a seed: the body Nova Reel takes', async () => {
    const { asked, restore } = answering([
      { pick: /^Multi-shot, manual$/ },
      { pick: /^Prompts and images$/ },
      { type: 'A harbour at dawn' },
      { pick: /harbour-1280x720\.png$/ },
      { type: 'Boats leave the harbour' },
      { pick: /^No image for this shot$/ },
      { type: '' }, // a third shot's prompt left empty: two shots
      { type: '77' },
    ]);
    let arn: unknown;
    try {
      arn = await vscode.commands.executeCommand('bedrock.generateVideo', REEL_MULTI);
    } finally {
      restore();
    }
    assert.match(String(arn), /async-invoke\//);
    assert.deepEqual(asked.errors, []);
    assert.ok(asked.titles.includes('Generate Video: seed (optional)'), asked.titles.join(' | '));
    const start = (await recordedRequests()).find((r) => r.route === 'StartAsyncInvoke')!;
    const png = Buffer.from(await vscode.workspace.fs.readFile(frame)).toString('base64');
    assert.deepEqual((start.body as { modelInput: unknown }).modelInput, {
      taskType: 'MULTI_SHOT_MANUAL',
      multiShotManualParams: { shots: [{ text: 'A harbour at dawn', image: { format: 'png', source: { bytes: png } } }, { text: 'Boats leave the harbour' }] },
      videoGenerationConfig: { fps: 24, dimension: '1280x720', seed: 77 },
    });
  });

  it('a shot image of the wrong size is refused naming the file and the size; nothing is sent', async () => {
    const { asked, restore } = answering([{ pick: /^Multi-shot, manual$/ }, { pick: /^Prompts and images$/ }, { type: 'A harbour at dawn' }, { pick: /harbour-640x360\.png$/ }]);
    let arn: unknown;
    try {
      arn = await vscode.commands.executeCommand('bedrock.generateVideo', REEL_MULTI);
    } finally {
      restore();
    }
    assert.equal(arn, undefined);
    assert.deepEqual(asked.errors, ["frames/harbour-640x360.png: The image is 640×360; Nova Reel's image of shot 1 must be 1280×720."]);
    assert.equal((await recordedRequests()).filter((r) => r.route === 'StartAsyncInvoke').length, 0);
  });

  it('text to video: a seed out of range is refused as typed, and leaving it empty sends none', async () => {
    const bad = answering([{ pick: /^Text to video$/ }, { type: 'A lighthouse' }, { pick: /^No image$/ }, { type: '3000000000' }]);
    try {
      assert.equal(await vscode.commands.executeCommand('bedrock.generateVideo', REEL_MULTI), undefined);
    } finally {
      bad.restore();
    }
    assert.match(bad.asked.validation.at(-1) ?? '', /^The seed must be a whole number from 0 to 2147483646; "3000000000" is not\. Leave it empty to let Nova Reel choose\.$/);
    assert.equal((await recordedRequests()).filter((r) => r.route === 'StartAsyncInvoke').length, 0);

    const none = answering([{ pick: /^Text to video$/ }, { type: 'A lighthouse' }, { pick: /^No image$/ }, { type: '' }]);
    try {
      assert.match(String(await vscode.commands.executeCommand('bedrock.generateVideo', REEL_MULTI)), /async-invoke\//);
    } finally {
      none.restore();
    }
    const start = (await recordedRequests()).find((r) => r.route === 'StartAsyncInvoke')!;
    assert.deepEqual((start.body as { modelInput: { videoGenerationConfig: unknown } }).modelInput.videoGenerationConfig, { durationSeconds: 6, fps: 24, dimension: '1280x720' });
  });
});
