// The executor of the router's `async-invoke` plan: StartAsyncInvoke, GetAsyncInvoke and
// ListAsyncInvokes on the runtime client. Jobs write their outputs to S3; this only starts and
// reads them (s3Objects.ts reads the outputs).
import type { BedrockConnection } from '../connection/connection';
import { loadAwsSdk } from '../connection/loadAwsSdk';
import { BedrockError, errorAction } from '../errors/classifiedError';
import { classifyError } from '../errors/classifyError';
import type { RoutePlan } from '../routing/routePlan';
import { byNewest, jobFromService, type AsyncJob, type AsyncJobStatus } from './asyncJob';
import { s3UriProblem } from './s3Uri';

export interface StartRequest {
  modelId: string;
  /** The model's own JSON (Nova Reel, Nova Multimodal Embeddings, Marengo). */
  modelInput: Record<string, unknown>;
  /** `s3://bucket/prefix`: the job writes under `<prefix>/<invocationId>/`. */
  s3OutputUri: string;
  /** Idempotency token; the SDK fills one in when absent. */
  clientRequestToken?: string;
}

export interface StartedJob {
  invocationArn: string;
  /** The model id the request went to and why (from the plan). */
  target: string;
  reason: string;
}

export interface ListPage {
  jobs: AsyncJob[];
  nextToken?: string;
}

export interface ListOptions {
  statusEquals?: AsyncJobStatus;
  /** 1–1000 per page (the service's range). */
  maxResults?: number;
  nextToken?: string;
}

/** Pages read by `listAll` at most: 10 × 100 jobs is more than anyone scrolls in a tree. */
const MAX_PAGES = 10;

export class AsyncInvoker {
  constructor(
    private readonly connection: BedrockConnection,
    private readonly plan: (modelId: string) => RoutePlan,
  ) {}

  private fail(e: unknown, modelId?: string): never {
    if (e instanceof BedrockError) throw e;
    throw new BedrockError(classifyError(e, { auth: this.connection.info.auth, modelId }), { cause: e });
  }

  async start(req: StartRequest, signal?: AbortSignal): Promise<StartedJob> {
    const problem = s3UriProblem(req.s3OutputUri);
    if (problem) throw new BedrockError({ kind: 'validation', message: `The output location ${req.s3OutputUri} ${problem}.`, action: errorAction('openSettings') });
    const plan = this.plan(req.modelId);
    const step = plan.steps.find((s) => s.api === 'async-invoke');
    if (!step) throw new BedrockError({ kind: 'validation', message: plan.notes.join(' ') || `${req.modelId} does not take asynchronous invocations.`, action: errorAction('none') });
    const sdk = await loadAwsSdk();
    const client = await this.connection.runtime();
    try {
      const res = await client.send(
        new sdk.StartAsyncInvokeCommand({
          modelId: step.target,
          // The SDK's document type: the model's JSON as is.
          modelInput: req.modelInput as never,
          outputDataConfig: { s3OutputDataConfig: { s3Uri: req.s3OutputUri } },
          ...(req.clientRequestToken ? { clientRequestToken: req.clientRequestToken } : {}),
        }),
        { abortSignal: signal },
      );
      if (!res.invocationArn) throw new BedrockError({ kind: 'serviceError', message: 'StartAsyncInvoke answered without an invocation ARN.', action: errorAction('retry') });
      return { invocationArn: res.invocationArn, target: step.target, reason: step.reason };
    } catch (e) {
      this.fail(e, req.modelId);
    }
  }

  async get(invocationArn: string, signal?: AbortSignal): Promise<AsyncJob> {
    const sdk = await loadAwsSdk();
    const client = await this.connection.runtime();
    let raw: unknown;
    try {
      raw = await client.send(new sdk.GetAsyncInvokeCommand({ invocationArn }), { abortSignal: signal });
    } catch (e) {
      this.fail(e);
    }
    const job = jobFromService(raw);
    if (!job) throw new BedrockError({ kind: 'serviceError', message: `GetAsyncInvoke answered without the job ${invocationArn}.`, action: errorAction('retry') });
    return job;
  }

  async list(opts: ListOptions = {}, signal?: AbortSignal): Promise<ListPage> {
    const sdk = await loadAwsSdk();
    const client = await this.connection.runtime();
    try {
      const res = await client.send(
        new sdk.ListAsyncInvokesCommand({
          maxResults: Math.min(1000, Math.max(1, opts.maxResults ?? 100)),
          sortBy: 'SubmissionTime',
          sortOrder: 'Descending',
          ...(opts.statusEquals ? { statusEquals: opts.statusEquals } : {}),
          ...(opts.nextToken ? { nextToken: opts.nextToken } : {}),
        }),
        { abortSignal: signal },
      );
      const jobs = (res.asyncInvokeSummaries ?? []).map(jobFromService).filter((j): j is AsyncJob => !!j);
      return { jobs, nextToken: res.nextToken || undefined };
    } catch (e) {
      this.fail(e);
    }
  }

  /** Every job in the region, newest first, following `nextToken` (at most MAX_PAGES pages). */
  async listAll(opts: Omit<ListOptions, 'nextToken'> = {}, signal?: AbortSignal): Promise<{ jobs: AsyncJob[]; truncated: boolean }> {
    const jobs: AsyncJob[] = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await this.list({ ...opts, nextToken }, signal);
      for (const j of res.jobs) if (!seen.has(j.invocationArn) && seen.add(j.invocationArn)) jobs.push(j);
      nextToken = res.nextToken;
      if (!nextToken) break;
    }
    return { jobs: jobs.sort(byNewest), truncated: !!nextToken };
  }
}
