// The Jobs view and its commands: Generate Video, Embed Media File, Open Result (the video in a
// player, an embedding as a document), Copy S3 URI, Open in AWS Console, Refresh. The list is read
// when the view is first shown, not at activation; polling happens only while a job runs.
import * as vscode from 'vscode';
import { resultKind, type AsyncJob } from '../../core/bedrock/async/asyncJob';
import { JobTracker } from '../../core/bedrock/async/jobTracker';
import { readMediaEmbedding, readVideo, videoUriOf } from '../../core/bedrock/async/jobResults';
import { parseS3Uri } from '../../core/bedrock/async/s3Uri';
import { S3Objects } from '../../core/bedrock/async/s3Objects';
import type { BedrockConnection } from '../../core/bedrock/connection/connection';
import { isEmbeddingModel, outputKindOf, type ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { classifyError } from '../../core/bedrock/errors/classifyError';
import { redact } from '../../core/bedrock/errors/redact';
import type { Router } from '../../core/bedrock/routing/router';
import { mediaEmbeddingFamily } from '../../core/bedrock/async/mediaEmbedding';
import type { FeatureRegistration } from '../commands';
import { showErrorMessage, showInformationMessage } from '../notify';
import { embedMediaFile } from './embedMedia';
import { generateVideo } from './generateVideo';
import type { JobsDeps } from './jobsDeps';
import { JobsView, type JobNode } from './jobsView';
import { VideoPlayers } from './videoPlayer';

export interface JobsRegistration extends FeatureRegistration {
  tracker: JobTracker;
  view: JobsView;
  players: VideoPlayers;
  commands: {
    'bedrock.generateVideo': (arg?: unknown) => Promise<string | undefined>;
    'bedrock.embedMediaFile': (arg?: unknown) => Promise<unknown>;
    'bedrock.refreshJobs': () => Promise<void>;
    'bedrock.openJobResult': (arg?: unknown) => Promise<vscode.WebviewPanel | vscode.TextEditor | undefined>;
    'bedrock.copyJobS3Uri': (arg?: unknown) => Promise<void>;
    'bedrock.openJobInConsole': (arg?: unknown) => Promise<void>;
  };
}

export interface RegisterJobsOptions {
  router: Router;
  connection: BedrockConnection;
  /** The catalog's models, waiting for the first listing. */
  listedModels: () => Promise<readonly ModelDescriptor[]>;
  modelName: (id: string) => string | undefined;
  log: vscode.LogOutputChannel;
}

function jobOf(tracker: JobTracker, arg: unknown): AsyncJob | undefined {
  const node = arg as JobNode | AsyncJob | string | undefined;
  if (typeof node === 'string') return tracker.job(node);
  if (node && 'kind' in node && node.kind === 'job') return node.job;
  if (node && 'invocationArn' in node) return tracker.job(node.invocationArn) ?? node;
  return undefined;
}

export function registerJobs(context: vscode.ExtensionContext, opts: RegisterJobsOptions): JobsRegistration {
  const tracker = new JobTracker(opts.router.async);
  const view = new JobsView(tracker, opts.modelName);
  const players = new VideoPlayers();
  const s3 = new S3Objects(opts.connection);
  /** Media embedding jobs started here: their source, and that the result opens when done. */
  const openWhenDone = new Map<string, string>();

  const reportError = (what: string, e: unknown) => {
    const c = classifyError(e, { auth: opts.connection.info.auth });
    opts.log.error(`${what}: ${c.detail ?? c.message}`);
    void showErrorMessage(`${what}: ${c.message}`);
  };
  const deps: JobsDeps = {
    router: opts.router,
    tracker,
    s3,
    region: () => opts.connection.info.region,
    videoModels: async () => (await opts.listedModels()).filter((d) => d.kind === 'model' && outputKindOf(d) === 'video' && d.apis['async-invoke']?.supported !== false),
    mediaEmbeddingModels: async () => (await opts.listedModels()).filter((d) => d.kind === 'model' && isEmbeddingModel(d) && !!mediaEmbeddingFamily(d.id) && d.apis['async-invoke']?.supported !== false),
    storage: context.globalStorageUri,
    log: opts.log,
    revealJobs: () => vscode.commands.executeCommand('bedrock.jobs.focus'),
    reportError,
  };

  async function openResult(arg?: unknown): Promise<vscode.WebviewPanel | vscode.TextEditor | undefined> {
    const job = jobOf(tracker, arg);
    if (!job) return undefined;
    try {
      if (resultKind(job) === 'video') {
        const file = vscode.Uri.joinPath(context.globalStorageUri, 'videos', `${job.invocationId}.mp4`);
        const uri = videoUriOf(job);
        const have = await Promise.resolve(vscode.workspace.fs.stat(file)).then(() => true, () => false);
        if (!have) {
          const { bytes } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Downloading ${uri}…` }, () => readVideo(job, s3));
          await vscode.workspace.fs.writeFile(file, bytes);
          opts.log.info(`Downloaded ${uri} (${bytes.length} bytes) to ${file.fsPath}`);
        }
        return players.show({ file, title: `${opts.modelName(job.modelId) ?? job.modelId} · ${job.invocationId}`, s3Uri: uri });
      }
      const { document, segments } = await readMediaEmbedding(job, s3, openWhenDone.get(job.invocationArn));
      opts.log.info(`Read ${segments} embedding segments of ${job.invocationArn}`);
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: document });
      return vscode.window.showTextDocument(doc, { preview: false });
    } catch (e) {
      reportError(`Could not open the result of ${job.invocationId}`, e);
      return undefined;
    }
  }

  const disposables: vscode.Disposable[] = [
    tracker,
    view,
    players,
    tracker.onDidFinish((job) => {
      const name = opts.modelName(job.modelId) ?? job.modelId;
      if (job.status === 'Failed') {
        void showErrorMessage(`${name} job ${job.invocationId} failed: ${redact(job.failureMessage ?? 'no reason given')}`, 'Show Jobs').then((p) => p && deps.revealJobs());
        return;
      }
      if (openWhenDone.has(job.invocationArn)) {
        void openResult(job);
        return;
      }
      void showInformationMessage(`${name} job ${job.invocationId} is done.`, ...(resultKind(job) === 'other' ? [] : ['Open Result'])).then((p) => (p ? openResult(job) : undefined));
    }),
    // The list is read when someone looks, and again when the region or credentials change.
    view.view.onDidChangeVisibility((e) => e.visible && !tracker.loaded && void tracker.refresh()),
    opts.connection.onDidChange(() => {
      const wasLoaded = tracker.loaded;
      tracker.clear();
      if (view.view.visible || wasLoaded) void tracker.refresh();
    }),
  ];
  // After first paint, like the model list: activation itself touches no network and loads no SDK.
  const initial = setTimeout(() => view.view.visible && !tracker.loaded && void tracker.refresh(), 0);
  disposables.push({ dispose: () => clearTimeout(initial) });

  const commands: JobsRegistration['commands'] = {
    'bedrock.generateVideo': (arg) => generateVideo(deps, arg),
    'bedrock.embedMediaFile': async (arg) => {
      const started = await embedMediaFile(deps, arg);
      if (started) openWhenDone.set(started.invocationArn, started.source);
      return started;
    },
    'bedrock.refreshJobs': async () => {
      await tracker.refresh();
      if (tracker.isPolling) await tracker.pollNow();
    },
    'bedrock.openJobResult': openResult,
    'bedrock.copyJobS3Uri': async (arg) => {
      const job = jobOf(tracker, arg);
      const uri = job && (job.status === 'Completed' && resultKind(job) === 'video' ? videoUriOf(job) : job.outputFolder);
      if (!uri) return;
      await vscode.env.clipboard.writeText(uri);
      void showInformationMessage(`Copied ${uri}`);
    },
    'bedrock.openJobInConsole': async (arg) => {
      const job = jobOf(tracker, arg);
      if (!job?.outputFolder) return;
      const { bucket, key } = parseS3Uri(job.outputFolder);
      const region = opts.connection.info.region;
      await vscode.env.openExternal(vscode.Uri.parse(`https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(bucket)}?region=${encodeURIComponent(region)}&prefix=${encodeURIComponent(key)}`, true));
    },
  };
  return { tracker, view, players, commands, disposables };
}
