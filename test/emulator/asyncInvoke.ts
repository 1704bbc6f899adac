// StartAsyncInvoke / GetAsyncInvoke / ListAsyncInvokes. A job's state advances with the polls it
// gets, never with the clock: it reports InProgress on its first `pollsUntilDone` GetAsyncInvoke
// calls, and on the next one it finishes — its outputs written to S3 through the S3 API, as Bedrock
// does, under `<s3Uri>/<invocationId>/` — and reports Completed (or Failed). ListAsyncInvokes only
// reads. `failNext` makes the next matching jobs fail with a message.
import { ACCOUNT_ID } from './catalog';
import { asyncWorkFor, jobOutputs, type AsyncWork } from './asyncModels';
import { lookupModel } from './modelResolver';
import type { RouteCall } from './routeContext';
import type { S3Writer } from './s3Writer';
import { MESSAGES, ServiceError, notFound, schemaMessage, validation } from './serviceError';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type AsyncStatus = 'InProgress' | 'Completed' | 'Failed';

interface Job {
  invocationArn: string;
  modelArn: string;
  clientRequestToken?: string;
  status: AsyncStatus;
  failureMessage?: string;
  submitTime: string;
  lastModifiedTime: string;
  endTime?: string;
  outputDataConfig: Json;
}

interface JobState {
  job: Job;
  work: AsyncWork;
  polls: number;
  /** Set when the job was told to fail. */
  failWith?: string;
}

export interface AsyncFailureSpec {
  /** Jobs to fail (default 1). */
  count?: number;
  /** Only jobs of this model id. */
  model?: string;
  message?: string;
}

const STATUSES: readonly AsyncStatus[] = ['InProgress', 'Completed', 'Failed'];

export class AsyncJobStore {
  readonly states: JobState[] = [];
  readonly failures: Array<Required<Pick<AsyncFailureSpec, 'message'>> & AsyncFailureSpec & { remaining: number }> = [];

  constructor(
    /** GetAsyncInvoke calls that still report InProgress. */
    readonly pollsUntilDone = 1,
    readonly s3?: S3Writer,
  ) {}

  get jobs(): Job[] {
    return this.states.map((s) => s.job);
  }

  failNext(spec: AsyncFailureSpec = {}): void {
    this.failures.push({ ...spec, message: spec.message ?? 'The job failed because of an internal error. Try again.', remaining: spec.count ?? 1 });
  }

  takeFailure(modelId: string): string | undefined {
    const f = this.failures.find((x) => x.remaining > 0 && (!x.model || x.model === modelId));
    if (!f) return undefined;
    f.remaining--;
    return f.message;
  }
}

/** `s3://bucket/prefix` → the job's folder URI, ending in `/`. */
function folderOf(s3Uri: string, invocationArn: string): string {
  return `${s3Uri.replace(/\/+$/, '')}/${invocationArn.slice(invocationArn.lastIndexOf('/') + 1)}/`;
}

export async function startAsyncInvoke(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  if (typeof body.modelId !== 'string') throw validation(schemaMessage('#: required key [modelId] not found'));
  const s3Uri = body.outputDataConfig?.s3OutputDataConfig?.s3Uri;
  if (typeof s3Uri !== 'string') throw validation(schemaMessage('#: required key [outputDataConfig] not found'));
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(s3Uri)) throw validation(`The S3 URI ${s3Uri} is not valid. Use s3://bucket/prefix.`);
  const r = lookupModel(call.state.catalog, body.modelId, call.region);
  if (!r) throw validation(MESSAGES.invalidModel);
  if (!r.model.asyncInvoke) throw validation(`The model ${r.model.modelId} doesn't support asynchronous invocation.`);
  const store = call.state.asyncJobs;
  const existing = body.clientRequestToken ? store.jobs.find((j) => j.clientRequestToken === body.clientRequestToken) : undefined;
  if (existing) {
    await call.ex.sendJson(200, { invocationArn: existing.invocationArn });
    return;
  }
  const work = asyncWorkFor(r.model, body.modelInput);
  const now = new Date().toISOString();
  const id = `${(store.states.length + 1).toString(36).padStart(4, '0')}${call.record.requestId.replace(/-/g, '').slice(0, 8)}`;
  const job: Job = {
    invocationArn: `arn:aws:bedrock:${call.region}:${ACCOUNT_ID}:async-invoke/${id}`,
    modelArn: `arn:aws:bedrock:${call.region}::foundation-model/${r.model.modelId}`,
    ...(body.clientRequestToken ? { clientRequestToken: body.clientRequestToken } : {}),
    status: 'InProgress',
    submitTime: now,
    lastModifiedTime: now,
    outputDataConfig: body.outputDataConfig,
  };
  const blocked = work.kind === 'video' ? work.blockedOutput : undefined;
  store.states.push({ job, work, polls: 0, failWith: store.takeFailure(r.model.modelId) ?? blocked });
  await call.ex.sendJson(200, { invocationArn: job.invocationArn });
}

/** Writes the job's outputs (or records why it could not) and marks it finished. */
async function finish(state: JobState, store: AsyncJobStore, seed: number): Promise<void> {
  const { job } = state;
  let failure = state.failWith;
  if (!failure) {
    const folder = folderOf(job.outputDataConfig.s3OutputDataConfig.s3Uri, job.invocationArn);
    try {
      if (!store.s3) throw new Error('no S3 endpoint is configured for this emulator');
      const source = state.work.kind === 'video' ? undefined : await store.s3.get(state.work.sourceUri);
      for (const o of jobOutputs(state.work, folder, seed, source)) await store.s3.put(`${folder}${o.key}`, o.body, o.contentType);
    } catch (e) {
      failure = `Bedrock could not complete the job with ${folder}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  job.status = failure ? 'Failed' : 'Completed';
  if (failure) job.failureMessage = failure;
  job.endTime = job.lastModifiedTime = new Date().toISOString();
}

export async function getAsyncInvoke(call: RouteCall): Promise<void> {
  const store = call.state.asyncJobs;
  const state = store.states.find((s) => s.job.invocationArn === call.label);
  if (!state) throw notFound(`The specified invocation ARN ${call.label} was not found.`);
  state.polls++;
  if (state.job.status === 'InProgress' && state.polls > store.pollsUntilDone) await finish(state, store, call.state.seed);
  await call.ex.sendJson(200, state.job);
}

export async function listAsyncInvokes(call: RouteCall): Promise<void> {
  const q = call.query;
  if (q.statusEquals && !STATUSES.includes(q.statusEquals as AsyncStatus)) throw validation(`1 validation error detected: Value '${q.statusEquals}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  if (q.sortBy && q.sortBy !== 'SubmissionTime') throw validation(`1 validation error detected: Value '${q.sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [SubmissionTime]`);
  const max = q.maxResults ? Number(q.maxResults) : 1000;
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw validation(`1 validation error detected: Value '${q.maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
  let list = call.state.asyncJobs.jobs.slice();
  if (q.statusEquals) list = list.filter((j) => j.status === q.statusEquals);
  if (q.submitTimeAfter) list = list.filter((j) => j.submitTime > q.submitTimeAfter!);
  if (q.submitTimeBefore) list = list.filter((j) => j.submitTime < q.submitTimeBefore!);
  if (q.sortOrder !== 'Ascending') list.reverse();
  const start = q.nextToken ? Number(Buffer.from(q.nextToken, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new ServiceError('ValidationException', 400, 'Invalid pagination token.');
  const next = start + max < list.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
  await call.ex.sendJson(200, { asyncInvokeSummaries: list.slice(start, start + max), ...(next ? { nextToken: next } : {}) });
}
