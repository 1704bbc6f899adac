import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { Emitter } from '../../core/emitter';
import { Disposable } from '../../core/lifecycle';
import { realScheduler } from '../../core/bedrock/async/jobTracker';
import { DetailsFollower } from '../../core/explorer/detailsFollower';
import { modelDetailsView, type ModelPlans } from '../../core/explorer/modelDetails';
import { createNonce } from '../webview/webviewHtml';
import { modelDetailsBody, modelDetailsPage, NO_MODEL_BODY, readDetailsPageMessage, type DefaultRole, type DetailsAction, type DetailsShowMessage } from './modelDetailsHtml';
import type { DefaultModelsSource } from './modelTreeProvider';

/** What the page's buttons do, given the model on show. */
export type DetailsActionRunner = (action: DetailsAction, d: ModelDescriptor) => Thenable<unknown> | Promise<unknown>;

export const MODEL_DETAILS_VIEW_ID = 'bedrock.modelDetails';

/** How long the tree's selection rests before the last row of a burst (an arrow key held) shows. */
const SELECTION_QUIET_MS = 120;

/**
 * The Model Details view beside the Models tree, as GitLens shows a commit's details beside its
 * trees. Its page loads when the Bedrock side bar shows, before any click; a click on a row then
 * only posts the model's markup to it, so the details follow the selection at once instead of
 * waiting for a new webview to start. Focus stays in the tree, so the keyboard keeps working there:
 * the details follow the tree's selection as the arrow keys move it (see `follow`).
 */
export class ModelDetailsViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  /** The page's script has run and listens for markup. */
  private pageReady = false;
  private shown: ModelDescriptor | undefined;
  private body: string | undefined;
  private readonly follower: DetailsFollower<ModelDescriptor>;
  private readonly renderEmitter = this._register(new Emitter<ModelDescriptor>());
  /** The details of a model were (re)built, whether or not the view shows. */
  readonly onDidRender = this.renderEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly plansFor: (d: ModelDescriptor) => ModelPlans,
    private readonly defaults: DefaultModelsSource,
    private readonly run: DetailsActionRunner,
    log: { warn(message: string): void },
  ) {
    super();
    this.follower = this._register(
      new DetailsFollower<ModelDescriptor>({
        // Builds the page synchronously, so no render can land after a newer one; the page the view
        // opens with below is whatever was built last.
        render: (d) => this.reveal(d),
        keyOf: (d) => d.id,
        quietMs: SELECTION_QUIET_MS,
        scheduler: realScheduler,
        onError: (e) => log.warn(`Model details could not be shown: ${e instanceof Error ? e.message : String(e)}`),
      }),
    );
    // Not kept while hidden: the page is small and reloads as the side bar shows it, before a click.
    this._register(vscode.window.registerWebviewViewProvider(MODEL_DETAILS_VIEW_ID, this));
    // "Set as Default" (here or anywhere else) changes the model's badge and button.
    this._register(defaults.onDidChange(() => this.shown && this.render(this.shown)));
  }

  /** The model on show, if any. */
  get model(): ModelDescriptor | undefined {
    return this.shown;
  }

  /** The details markup as last rendered (tests read it). */
  get html(): string | undefined {
    return this.body;
  }

  /** The view's page has loaded and the view shows. */
  get isShowing(): boolean {
    return !!this.view?.visible && this.pageReady;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.pageReady = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.onDidReceiveMessage((raw: unknown) => {
      const msg = readDetailsPageMessage(raw);
      if (msg?.type === 'details/ready') {
        this.pageReady = true;
        // A model clicked while the page was loading: it has the markup from before.
        if (this.body) this.post(this.body);
      } else if (msg?.type === 'details/action' && this.shown) void this.run(msg.action, this.shown);
    });
    // A hidden view's page is gone; shown again, it reloads from the first markup and says ready.
    view.onDidChangeVisibility(() => {
      if (!view.visible) this.pageReady = false;
    });
    view.onDidDispose(() => {
      if (this.view !== view) return;
      this.view = undefined;
      this.pageReady = false;
    });
    view.webview.html = modelDetailsPage({
      body: this.body ?? NO_MODEL_BODY,
      cspSource: view.webview.cspSource,
      nonce: createNonce(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'modelDetails.css')).toString(),
    });
  }

  /** Shows `d` now (a click on its row, a command). */
  async show(d: ModelDescriptor): Promise<void> {
    await this.follower.showNow(d);
  }

  /**
   * The tree's selection moved to `d` (`undefined`: a group row, which has no details). A single
   * move shows at once; while an arrow key is held, the last row shows when it is released.
   */
  follow(d: ModelDescriptor | undefined): void {
    this.follower.follow(d);
  }

  private async reveal(d: ModelDescriptor): Promise<void> {
    this.render(d);
    if (this.view) {
      if (!this.view.visible) this.view.show(true);
      return;
    }
    // Not resolved yet (collapsed since the window opened, or closed): open it without taking focus;
    // the page starts with this model's markup.
    await vscode.commands.executeCommand(`${MODEL_DETAILS_VIEW_ID}.open`, { preserveFocus: true });
  }

  private render(d: ModelDescriptor): void {
    this.shown = d;
    const defaults = this.defaults.read();
    const role: DefaultRole = defaults.chat === d.id ? 'chat' : defaults.embedding === d.id ? 'embedding' : undefined;
    this.body = modelDetailsBody(modelDetailsView(d, this.plansFor(d)), role);
    if (this.pageReady) this.post(this.body);
    this.renderEmitter.fire(d);
  }

  private post(html: string): void {
    const msg: DetailsShowMessage = { type: 'details/show', html };
    void this.view?.webview.postMessage(msg);
  }
}
