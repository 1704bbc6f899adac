// The Jobs view and the async commands inside a real VS Code, against the emulator and the real
// local S3 server the harness starts beside it. Polls are triggered with Refresh Jobs (no sleeps);
// what was sent is read from the emulator's request log.
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { AsyncJob } from '../../src/core/bedrock/async/asyncJob';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, failAsyncJobs, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';
import { tinyMp4 } from '../emulator/media/tinyMp4';

const REEL = 'amazon.nova-reel-v1:0';
const REEL_MULTI = 'amazon.nova-reel-v1:1';
const MME = 'amazon.nova-2-multimodal-embeddings-v1:0';

describe('Async jobs: Generate Video, the Jobs view, Open Result (real VS Code)', () => {
  let api: WorkbenchApi;
  const refresh = () => vscode.commands.executeCommand('bedrock.refreshJobs');
  const job = (arn: string) => api.jobs.tracker.job(arn);

  /** Polls until the job has finished (each Refresh Jobs is one GetAsyncInvoke per running job). */
  async function finish(arn: string): Promise<AsyncJob> {
    const running = () => { const s = job(arn)?.status; return s !== 'Completed' && s !== 'Failed'; };
    for (let i = 0; i < 5 && running(); i++) await refresh();
    const j = job(arn);
    assert.ok(j && j.status !== 'InProgress', `job ${arn} finished`);
    return j;
  }

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });
  beforeEach(() => clearEmulator());
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('contributes the Jobs view and its commands, and reads the output location from the setting', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['bedrock.generateVideo', 'bedrock.embedMediaFile', 'bedrock.refreshJobs', 'bedrock.openJobResult', 'bedrock.copyJobS3Uri', 'bedrock.openJobInConsole']) assert.ok(commands.includes(c), c);
    assert.match(vscode.workspace.getConfiguration('bedrock.async').get<string>('s3OutputUri') ?? '', /^s3:\/\/bedrock-workbench-demo\//);
    assert.ok(api.catalog.describe(REEL_MULTI), 'Nova Reel v1:1 is listed');
  });

  it('generates a video: StartAsyncInvoke with the Nova Reel body, InProgress → Completed, then plays it from S3', async () => {
    const arn = (await vscode.commands.executeCommand('bedrock.generateVideo', { modelId: REEL, request: { task: 'TEXT_VIDEO', prompt: 'A paper boat on a pond', seed: 11 } })) as string;
    assert.match(arn, /async-invoke\//);
    const start = (await recordedRequests()).find((r) => r.route === 'StartAsyncInvoke')!;
    assert.deepEqual(start.body, {
      clientRequestToken: (start.body as { clientRequestToken: string }).clientRequestToken,
      modelId: REEL,
      modelInput: { taskType: 'TEXT_VIDEO', textToVideoParams: { text: 'A paper boat on a pond' }, videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 11 } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: vscode.workspace.getConfiguration('bedrock.async').get('s3OutputUri') } },
    });
    await waitFor(api.jobs.tracker.onDidChange, () => job(arn)?.status === 'InProgress', 'the job listed as in progress');
    assert.equal(api.jobs.tracker.isPolling, true, 'a running job is polled');
    const done = await finish(arn);
    assert.equal(done.status, 'Completed');
    assert.equal(api.jobs.tracker.isPolling, false, 'nothing runs: no poll is scheduled');

    const row = api.jobs.view.getChildren().find((n) => n.kind === 'job' && n.job.invocationArn === arn)!;
    const item = api.jobs.view.getTreeItem(row);
    assert.match(String(item.contextValue), /\basyncJob\b.*\bcompleted\b.*\bresult-video\b/);
    assert.match(String(item.description), /^Completed/);

    const panel = (await vscode.commands.executeCommand('bedrock.openJobResult', arn)) as vscode.WebviewPanel;
    assert.ok(panel, 'a player opened');
    assert.match(panel.webview.html, /<video id="player" controls/);
    assert.match(panel.webview.html, new RegExp(`media-src ${panel.webview.cspSource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.doesNotMatch(panel.webview.html, /unsafe-inline|unsafe-eval/);
    assert.match(panel.webview.html, new RegExp(`src="[^"]*videos/${done.invocationId}\\.mp4"`), 'the downloaded copy is played');
    const gets = (await recordedRequests()).filter((r) => r.route === 'GetAsyncInvoke');
    assert.ok(gets.length >= 2, 'polled until done');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('bedrock.copyJobS3Uri', arn);
    assert.equal(await vscode.env.clipboard.readText(), `${done.outputFolder}output.mp4`);
  });

  it('lists jobs started outside the editor and announces a failure with its message', async () => {
    await failAsyncJobs({ message: 'The video was blocked by the output filter.' });
    // Started with the router directly, as another tool would: the tracker has not heard of it.
    const { invocationArn } = await api.router.async.start({
      modelId: REEL_MULTI,
      modelInput: { taskType: 'MULTI_SHOT_AUTOMATED', multiShotAutomatedParams: { text: 'Clouds' }, videoGenerationConfig: { durationSeconds: 12 } },
      s3OutputUri: vscode.workspace.getConfiguration('bedrock.async').get<string>('s3OutputUri')!,
    });
    assert.equal(job(invocationArn), undefined);
    const shown: string[] = [];
    const original = vscode.window.showErrorMessage;
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string) => {
      shown.push(message);
      return Promise.resolve(undefined);
    };
    try {
      await refresh();
      assert.equal(job(invocationArn)?.status, 'InProgress', 'found by ListAsyncInvokes');
      const failed = await finish(invocationArn);
      assert.equal(failed.failureMessage, 'The video was blocked by the output filter.');
      await waitFor(api.jobs.tracker.onDidChange, () => shown.some((m) => m.includes('The video was blocked by the output filter.')), 'the failure notification');
    } finally {
      (vscode.window as { showErrorMessage: unknown }).showErrorMessage = original;
    }
    const item = api.jobs.view.getTreeItem(api.jobs.view.getChildren().find((n) => n.kind === 'job' && n.job.invocationArn === invocationArn)!);
    assert.match(String(item.contextValue), /\bfailed\b/);
    assert.doesNotMatch(String(item.contextValue), /result-/, 'a failed job offers no result');
    assert.equal(api.jobs.tracker.isPolling, false);
  });

  it('embeds a workspace video: uploads it to the bucket with the S3 client, and opens the segments when the job is done', async () => {
    const file = vscode.Uri.joinPath(vscode.Uri.file(tmpdir()), `clip-${Date.now()}.mp4`);
    await vscode.workspace.fs.writeFile(file, tinyMp4([{ hue: 3, seconds: 6 }, { hue: 4, seconds: 6 }]).bytes);
    const started = (await vscode.commands.executeCommand('bedrock.embedMediaFile', { modelId: MME, source: file })) as { invocationArn: string; source: string };
    assert.match(started.source, /^s3:\/\/bedrock-workbench-demo\/jobs\/inputs\/[0-9a-f]{16}\/clip-\d+\.mp4$/);
    const body = (await recordedRequests()).find((r) => r.route === 'StartAsyncInvoke')!.body as { modelInput: { segmentedEmbeddingParams: { video: { source: unknown } } } };
    assert.deepEqual(body.modelInput.segmentedEmbeddingParams.video.source, { s3Location: { uri: started.source } });
    const opened = new Promise<vscode.TextEditor>((resolve) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.languageId === 'json' && e.document.getText().includes(started.invocationArn)) {
          sub.dispose();
          resolve(e);
        }
      });
    });
    await finish(started.invocationArn);
    const editor = await opened;
    const doc = JSON.parse(editor.document.getText());
    assert.equal(doc.model, MME);
    assert.equal(doc.source, started.source);
    assert.equal(doc.segmentCount, 3);
    assert.equal(doc.segments[0].vector.length, 3072);
  });
});
