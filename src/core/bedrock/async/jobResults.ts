// What a finished job left in S3, read back for the editor: a Nova Reel job's video, or a media
// embedding job's segments as a document.
import { BedrockError, errorAction } from '../errors/classifiedError';
import type { AsyncJob } from './asyncJob';
import { REEL_VIDEO_FILE } from './novaReel';
import { marengoSegments, mediaEmbeddingDocument, mediaEmbeddingFamily, novaResultFiles, novaSegments, type MediaSegment } from './mediaEmbedding';
import type { S3Objects } from './s3Objects';

function folderOf(job: AsyncJob): string {
  if (job.status !== 'Completed') {
    throw new BedrockError({ kind: 'validation', message: `The job ${job.invocationId} is ${job.status}${job.failureMessage ? `: ${job.failureMessage}` : ''}; there is no result to open.`, action: errorAction('none') });
  }
  if (!job.outputFolder) throw new BedrockError({ kind: 'serviceError', message: `The service did not say where job ${job.invocationId} wrote its output.`, action: errorAction('none') });
  return job.outputFolder;
}

/** The S3 URI of a Nova Reel job's video. */
export function videoUriOf(job: AsyncJob): string {
  return `${folderOf(job)}${REEL_VIDEO_FILE}`;
}

export async function readVideo(job: AsyncJob, s3: S3Objects, signal?: AbortSignal): Promise<{ uri: string; bytes: Uint8Array }> {
  const uri = videoUriOf(job);
  return { uri, bytes: await s3.get(uri, signal) };
}

/** A media embedding job's result as the document the editor opens, and how many segments it has. */
export async function readMediaEmbedding(job: AsyncJob, s3: S3Objects, source: string | undefined, signal?: AbortSignal): Promise<{ document: string; segments: number }> {
  const folder = folderOf(job);
  const family = mediaEmbeddingFamily(job.modelId);
  const segments: MediaSegment[] = [];
  const failed: Array<{ type: string; reason?: string }> = [];
  let skipped = 0;
  if (family === 'nova') {
    const raw = await s3.getText(`${folder}segmented-embedding-result.json`, signal);
    const files = novaResultFiles(raw);
    const said = (JSON.parse(raw) as { sourceFileUri?: unknown }).sourceFileUri;
    source ??= typeof said === 'string' ? said : undefined;
    for (const f of files) {
      if (f.status === 'FAILURE' || !f.uri) {
        failed.push({ type: f.type, reason: f.reason ?? (f.uri ? undefined : 'no output file named') });
        continue;
      }
      const r = novaSegments(f.type, await s3.getText(f.uri, signal));
      segments.push(...r.segments);
      skipped += r.skipped;
    }
  } else if (family) {
    // Marengo's output file name is not documented: read the JSON files the job wrote.
    const files = (await s3.list(folder, signal)).filter((u) => u.endsWith('.json') && !u.endsWith('/manifest.json'));
    if (!files.length) throw new BedrockError({ kind: 'serviceError', message: `The job wrote no JSON output under ${folder}.`, action: errorAction('none') });
    for (const uri of files) {
      const r = marengoSegments(await s3.getText(uri, signal));
      segments.push(...r.segments);
      skipped += r.skipped;
    }
  } else {
    throw new BedrockError({ kind: 'validation', message: `${job.modelId} is not a media embedding model.`, action: errorAction('none') });
  }
  if (!segments.length) {
    const why = failed.map((f) => `${f.type}${f.reason ? ` (${f.reason})` : ''}`).join(', ');
    throw new BedrockError({ kind: 'serviceError', message: `The job finished but produced no embeddings${why ? `: ${why} failed` : ''}.`, action: errorAction('none') });
  }
  return { document: mediaEmbeddingDocument({ model: job.modelId, source: source ?? 'unknown', invocationArn: job.invocationArn, segments, skipped, failed }), segments: segments.length };
}
