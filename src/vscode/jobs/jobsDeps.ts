import type * as vscode from 'vscode';
import type { JobTracker } from '../../core/bedrock/async/jobTracker';
import type { S3Objects } from '../../core/bedrock/async/s3Objects';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import type { Router } from '../../core/bedrock/routing/router';

/** What the Jobs view and its commands need from the rest of the extension. */
export interface JobsDeps {
  router: Router;
  tracker: JobTracker;
  s3: S3Objects;
  region(): string;
  /** Video models (Nova Reel) in the catalog, once it has listed. */
  videoModels(): Promise<ModelDescriptor[]>;
  /** Async media embedding models (Nova Multimodal Embeddings, Marengo) in the catalog, once it has listed. */
  mediaEmbeddingModels(): Promise<ModelDescriptor[]>;
  /** Where downloaded results are kept (the extension's global storage). */
  storage: vscode.Uri;
  log: vscode.LogOutputChannel;
  revealJobs(): Thenable<void> | Promise<void>;
  /** Logs and shows a failure with its classified message. */
  reportError(what: string, e: unknown): void;
}
