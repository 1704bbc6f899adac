// One async invocation as the editor shows it, read field by field from GetAsyncInvoke or a
// ListAsyncInvokes summary: the service's answer is input like any other, so a missing or odd field
// leaves that field empty instead of breaking the list.
import { jobOutputFolder } from './s3Uri';

export type AsyncJobStatus = 'InProgress' | 'Completed' | 'Failed';

export interface AsyncJob {
  invocationArn: string;
  /** The last segment of the ARN: the folder the job writes under its S3 location. */
  invocationId: string;
  /** The foundation model id from `modelArn` (the ARN itself when it names something else). */
  modelId: string;
  /** `InProgress` | `Completed` | `Failed`; any other value the service sends is kept as is. */
  status: AsyncJobStatus | string;
  failureMessage?: string;
  submitTime?: Date;
  lastModifiedTime?: Date;
  endTime?: Date;
  /** `outputDataConfig.s3OutputDataConfig.s3Uri` as submitted. */
  s3Uri?: string;
  /** `<s3Uri>/<invocationId>/`: where the outputs are. */
  outputFolder?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function date(v: unknown): Date | undefined {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

/** `arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:0` → `amazon.nova-reel-v1:0`. */
export function modelIdOfArn(modelArn: string): string {
  const m = /:foundation-model\/(.+)$/.exec(modelArn);
  return m ? m[1]! : modelArn;
}

/** A job from the service's answer; undefined when it has no invocation ARN to name it by. */
export function jobFromService(raw: unknown): AsyncJob | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const invocationArn = str(r.invocationArn);
  if (!invocationArn) return undefined;
  const out = (r.outputDataConfig as { s3OutputDataConfig?: { s3Uri?: unknown } } | undefined)?.s3OutputDataConfig;
  const s3Uri = str(out?.s3Uri);
  return {
    invocationArn,
    invocationId: invocationArn.slice(invocationArn.lastIndexOf('/') + 1),
    modelId: modelIdOfArn(str(r.modelArn) ?? ''),
    status: str(r.status) ?? 'Unknown',
    failureMessage: str(r.failureMessage),
    submitTime: date(r.submitTime),
    lastModifiedTime: date(r.lastModifiedTime),
    endTime: date(r.endTime),
    s3Uri,
    outputFolder: s3Uri ? jobOutputFolder(s3Uri, invocationArn) : undefined,
  };
}

export const isRunning = (j: AsyncJob): boolean => j.status === 'InProgress';
export const isFinished = (j: AsyncJob): boolean => j.status === 'Completed' || j.status === 'Failed';

/** "42 s", "3 min 5 s", "2 h 4 min": how long a job ran, or has been running at `now`. */
export function elapsedText(job: AsyncJob, now: Date): string | undefined {
  if (!job.submitTime) return undefined;
  const end = job.endTime ?? (isRunning(job) ? now : job.lastModifiedTime);
  if (!end) return undefined;
  const s = Math.max(0, Math.round((end.getTime() - job.submitTime.getTime()) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** Newest first; jobs without a submit time last. */
export function byNewest(a: AsyncJob, b: AsyncJob): number {
  return (b.submitTime?.getTime() ?? 0) - (a.submitTime?.getTime() ?? 0);
}

/** What a finished job leaves in S3, by model family: what "Open Result" can show. */
const RESULT_KINDS: ReadonlyArray<[modelIdPrefix: string, kind: 'video' | 'embedding']> = [
  ['amazon.nova-reel-', 'video'],
  ['amazon.nova-2-multimodal-embeddings-', 'embedding'],
  ['twelvelabs.marengo-embed-', 'embedding'],
];

export function resultKind(job: Pick<AsyncJob, 'modelId'>): 'video' | 'embedding' | 'other' {
  return RESULT_KINDS.find(([prefix]) => job.modelId.startsWith(prefix))?.[1] ?? 'other';
}
