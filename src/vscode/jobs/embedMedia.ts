// "Bedrock: Embed Media File…": a video or audio file — in S3 already, or a workspace file uploaded
// to the configured bucket — embedded segment by segment by Nova Multimodal Embeddings or
// TwelveLabs Marengo through an async job. The result opens as a document when the job is done.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { MEDIA_EXTENSIONS, mediaEmbeddingInput, mediaFileOf, type MediaFile } from '../../core/bedrock/async/mediaEmbedding';
import { joinS3, s3UriProblem } from '../../core/bedrock/async/s3Uri';
import { showErrorMessage, showInformationMessage } from '../notify';
import type { JobsDeps } from './jobsDeps';
import { outputLocation } from './outputLocation';

/** Media files larger than this are not uploaded from the editor (use the AWS CLI, then give the S3 URI). */
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** A caller's request (tests, other extensions): no questions asked. */
export interface EmbedMediaArgs {
  modelId: string;
  /** An S3 URI, or a workspace file to upload. */
  source: string | vscode.Uri;
  s3OutputUri?: string;
}

function isArgs(arg: unknown): arg is EmbedMediaArgs {
  return typeof arg === 'object' && arg !== null && typeof (arg as EmbedMediaArgs).modelId === 'string' && (arg as EmbedMediaArgs).source !== undefined;
}

async function askSource(): Promise<string | vscode.Uri | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'A file in the workspace…', detail: 'Uploaded to your output bucket, then embedded', s3: false },
      { label: 'A file in S3…', detail: 's3://bucket/key of a video or audio file', s3: true },
    ],
    { title: 'Embed Media File: which file?', ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  if (pick.s3) {
    const uri = await vscode.window.showInputBox({
      title: 'Embed Media File: S3 URI',
      placeHolder: 's3://bucket/videos/clip.mp4',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const problem = s3UriProblem(v.trim());
        if (problem) return `This ${problem}.`;
        return mediaFileOf(v.trim()) ? undefined : `Name a video or audio file (${MEDIA_EXTENSIONS.join(', ')}).`;
      },
    });
    return uri?.trim() || undefined;
  }
  const [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Video or audio': MEDIA_EXTENSIONS }, title: 'Video or audio file to embed' })) ?? [];
  return file;
}

async function pickModel(deps: JobsDeps): Promise<string | undefined> {
  const models = await deps.mediaEmbeddingModels();
  if (!models.length) {
    void vscode.window.showErrorMessage('No media embedding model (Nova Multimodal Embeddings, TwelveLabs Marengo) is listed in this region. Pick another region or refresh the model list.');
    return undefined;
  }
  if (models.length === 1) return models[0]!.id;
  const pick = await vscode.window.showQuickPick(models.map((d) => ({ label: d.name, description: d.id, id: d.id })), { title: 'Embed Media File: model', ignoreFocusOut: true });
  return pick?.id;
}

/** Uploads a workspace file next to the job outputs, under a content-addressed key (no duplicate uploads). */
async function upload(deps: JobsDeps, file: vscode.Uri, s3OutputUri: string): Promise<MediaFile | undefined> {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (!mediaFileOf(name)) {
    void showErrorMessage(`${name} is not a video or audio file these models take (${MEDIA_EXTENSIONS.join(', ')}). Nothing was uploaded.`);
    return undefined;
  }
  const stat = await vscode.workspace.fs.stat(file);
  if (stat.size > MAX_UPLOAD_BYTES) {
    void showErrorMessage(`${name} is ${Math.round(stat.size / 1e6)} MB; upload it to S3 with the AWS CLI and embed it by its S3 URI.`);
    return undefined;
  }
  const bytes = await vscode.workspace.fs.readFile(file);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const uri = joinS3(s3OutputUri, 'inputs', digest, name.replace(/[^\w.-]/g, '_'));
  const media = mediaFileOf(uri)!;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Uploading ${name} to ${uri}…` }, () =>
    deps.s3.put(uri, bytes, media.kind === 'video' ? `video/${media.format}` : `audio/${media.format}`),
  );
  deps.log.info(`Uploaded ${vscode.workspace.asRelativePath(file)} (${bytes.length} bytes) to ${uri}`);
  return media;
}

/** Starts the job; returns its ARN and where the file is. The caller opens the result when it finishes. */
export async function embedMediaFile(deps: JobsDeps, arg?: unknown): Promise<{ invocationArn: string; source: string } | undefined> {
  const given = isArgs(arg) ? arg : undefined;
  const source = given?.source ?? (arg instanceof vscode.Uri ? arg : await askSource());
  if (!source) return undefined;
  const modelId = given?.modelId ?? (await pickModel(deps));
  if (!modelId) return undefined;
  const s3OutputUri = given?.s3OutputUri ?? (await outputLocation());
  if (!s3OutputUri) return undefined;
  try {
    const media = typeof source === 'string' ? mediaFileOf(source) : await upload(deps, source, s3OutputUri);
    if (!media) {
      if (typeof source === 'string') void showErrorMessage(`${source} is not a video or audio file these models take (${MEDIA_EXTENSIONS.join(', ')}).`);
      return undefined;
    }
    const started = await deps.router.async.start({ modelId, modelInput: mediaEmbeddingInput(modelId, media), s3OutputUri });
    deps.log.info(`Media embedding job started: ${started.invocationArn} for ${media.s3Uri}`);
    void deps.tracker.track(started.invocationArn);
    void deps.revealJobs();
    void showInformationMessage(`Embedding ${media.s3Uri} with ${modelId}. The result opens when the job is done.`);
    return { invocationArn: started.invocationArn, source: media.s3Uri };
  } catch (e) {
    deps.reportError('Could not start the media embedding job', e);
    return undefined;
  }
}
