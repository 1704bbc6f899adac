// StartAsyncInvoke / GetAsyncInvoke / ListAsyncInvokes (reference §3.6). A job reports InProgress on
// its first GetAsyncInvoke and Completed afterwards, so tests can poll deterministically.
import { ACCOUNT_ID } from './catalog';
import { lookupModel } from './modelResolver';
import type { RouteCall } from './routeContext';
import { MESSAGES, ServiceError, notFound, schemaMessage, validation } from './serviceError';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Job {
  invocationArn: string;
  modelArn: string;
  clientRequestToken?: string;
  status: 'InProgress' | 'Completed' | 'Failed';
  submitTime: string;
  lastModifiedTime: string;
  endTime?: string;
  outputDataConfig: Json;
  polls: number;
}

export class AsyncJobStore {
  readonly jobs: Job[] = [];
  /** GetAsyncInvoke calls that still report InProgress. */
  constructor(readonly pollsUntilDone = 1) {}
}

function view(j: Job): Json {
  const { polls: _polls, ...rest } = j;
  return rest;
}

export async function startAsyncInvoke(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  if (typeof body.modelId !== 'string') throw validation(schemaMessage('#: required key [modelId] not found'));
  if (!body.outputDataConfig?.s3OutputDataConfig?.s3Uri) throw validation(schemaMessage('#: required key [outputDataConfig] not found'));
  const r = lookupModel(call.state.catalog, body.modelId, call.region);
  if (!r) throw validation(MESSAGES.invalidModel);
  if (!r.model.asyncInvoke) throw validation(`The model ${r.model.modelId} doesn't support asynchronous invocation.`);
  const store = call.state.asyncJobs;
  const existing = body.clientRequestToken ? store.jobs.find((j) => j.clientRequestToken === body.clientRequestToken) : undefined;
  if (existing) {
    await call.ex.sendJson(200, { invocationArn: existing.invocationArn });
    return;
  }
  const now = new Date().toISOString();
  const id = `${(store.jobs.length + 1).toString(36).padStart(4, '0')}${call.record.requestId.slice(0, 8)}`;
  const job: Job = {
    invocationArn: `arn:aws:bedrock:${call.region}:${ACCOUNT_ID}:async-invoke/${id}`,
    modelArn: `arn:aws:bedrock:${call.region}::foundation-model/${r.model.modelId}`,
    clientRequestToken: body.clientRequestToken,
    status: 'InProgress',
    submitTime: now,
    lastModifiedTime: now,
    outputDataConfig: body.outputDataConfig,
    polls: 0,
  };
  store.jobs.push(job);
  await call.ex.sendJson(200, { invocationArn: job.invocationArn });
}

export async function getAsyncInvoke(call: RouteCall): Promise<void> {
  const store = call.state.asyncJobs;
  const job = store.jobs.find((j) => j.invocationArn === call.label);
  if (!job) throw notFound(`The specified invocation ARN ${call.label} was not found.`);
  job.polls++;
  if (job.status === 'InProgress' && job.polls > store.pollsUntilDone) {
    job.status = 'Completed';
    job.endTime = job.lastModifiedTime = new Date().toISOString();
  }
  await call.ex.sendJson(200, view(job));
}

export async function listAsyncInvokes(call: RouteCall): Promise<void> {
  const q = call.query;
  let list = call.state.asyncJobs.jobs.slice();
  if (q.statusEquals) list = list.filter((j) => j.status === q.statusEquals);
  if (q.submitTimeAfter) list = list.filter((j) => j.submitTime > q.submitTimeAfter!);
  if (q.submitTimeBefore) list = list.filter((j) => j.submitTime < q.submitTimeBefore!);
  if (q.sortOrder !== 'Ascending') list.reverse();
  const max = q.maxResults ? Number(q.maxResults) : 1000;
  const start = q.nextToken ? Number(Buffer.from(q.nextToken, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start)) throw new ServiceError('ValidationException', 400, 'Invalid pagination token.');
  const next = start + max < list.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
  await call.ex.sendJson(200, { asyncInvokeSummaries: list.slice(start, start + max).map(view), ...(next ? { nextToken: next } : {}) });
}
