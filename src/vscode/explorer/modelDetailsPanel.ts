import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { Disposable } from '../../core/lifecycle';
import { modelDetailsView, type ModelPlans } from '../../core/explorer/modelDetails';
import { createNonce } from '../webview/webviewHtml';
import { isDetailsAction, modelDetailsHtml, type DetailsAction } from './modelDetailsHtml';

/** What the page's buttons do, given the model on show. */
export type DetailsActionRunner = (action: DetailsAction, d: ModelDescriptor) => Thenable<unknown> | Promise<unknown>;

/**
 * One editor tab that shows the model last clicked in the explorer, as the Extensions view does:
 * static HTML (no bundle to load) so it paints at once; clicking another model replaces the page.
 */
export class ModelDetailsPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ModelDescriptor | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly plansFor: (d: ModelDescriptor) => ModelPlans,
    private readonly run: DetailsActionRunner,
  ) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** The model on show, if the tab is open. */
  get model(): ModelDescriptor | undefined {
    return this.panel ? this.shown : undefined;
  }

  /** The page as last rendered (tests read it). */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  show(d: ModelDescriptor): void {
    const panel = (this.panel ??= this.createPanel());
    this.shown = d;
    panel.title = d.name;
    panel.webview.html = modelDetailsHtml(modelDetailsView(d, this.plansFor(d)), {
      cspSource: panel.webview.cspSource,
      nonce: createNonce(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'modelDetails.css')).toString(),
    });
    // Focus stays in the explorer, so arrow keys keep walking the list while the page follows.
    panel.reveal(undefined, true);
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      'bedrock.modelDetails',
      'Model Details',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'bedrock.svg');
    panel.webview.onDidReceiveMessage((msg: unknown) => {
      const action = (msg as { action?: unknown } | null)?.action;
      if (isDetailsAction(action) && this.shown) void this.run(action, this.shown);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.shown = undefined;
    });
    return panel;
  }
}
