import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { Disposable } from '../../core/lifecycle';

export const MODEL_DETAILS_SCHEME = 'bedrock-model';

/** Read-only "Show Details" documents, served from memory under the `bedrock-model:` scheme. */
export class ModelDetailsDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(MODEL_DETAILS_SCHEME, this));
  }

  publish(d: ModelDescriptor, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: MODEL_DETAILS_SCHEME, path: `/${d.id.replace(/[/:]/g, '_')}.md` });
    this.docs.set(uri.toString(), markdown);
    this.changeEmitter.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? 'This model’s details are no longer available. Run “Show Details” from the model explorer again.';
  }
}
