// Bedrock's models in VS Code's own chat and for every extension that uses `vscode.lm`: the list
// comes from the catalog, every request goes through the router (any API, its fallbacks, profiles),
// token counts from CountTokens or the calibrated estimate.
import * as vscode from 'vscode';
import type { ChatEvent } from '../../core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../core/bedrock/adapters/chatRequest';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import type { CatalogChange } from '../../core/bedrock/catalog/catalog';
import type { ClassifiedError } from '../../core/bedrock/errors/classifiedError';
import type { RoutePlan, PlanRequest } from '../../core/bedrock/routing/routePlan';
import type { StreamOptions } from '../../core/bedrock/routing/router';
import { Disposable, type IDisposable } from '../../core/lifecycle';
import { lmModelList, type LmModelInfo } from '../../core/lm/lmModelInfo';
import { LmRequestError, imageFormatOf, toChatRequest, toolResultText } from '../../core/lm/lmRequest';
import type { TokenCounter } from '../../core/lm/tokenCounter';
import { showWarningMessage } from '../notify';
import { errorText, toLanguageModelError, toLmMessage, toLmPart, toolCallPart } from './lmParts';

export const LM_VENDOR = 'bedrock';

export interface LmCatalog {
  readonly descriptors: readonly ModelDescriptor[];
  readonly state: CatalogChange['state'];
  readonly error: ClassifiedError | undefined;
  refresh(): Promise<void>;
  onDidChange(listener: (change: CatalogChange) => void): IDisposable;
}

export interface LmRouter {
  stream(request: ChatRequest, signal?: AbortSignal, options?: StreamOptions): AsyncIterable<ChatEvent>;
  plan(request: PlanRequest): RoutePlan;
}

export interface BedrockChatProviderDeps {
  catalog: LmCatalog;
  router: LmRouter;
  tokens: TokenCounter;
  /** Fires when region, profile or credentials change. */
  onDidChangeConnection(listener: () => void): IDisposable;
  /** The user's default chat model: listed even when legacy. */
  defaultModel(): string | undefined;
  log: vscode.LogOutputChannel;
}

/** What VS Code shows of the list: a change to any of it is worth telling VS Code about. */
const listSignature = (list: readonly LmModelInfo[]) => JSON.stringify(list.map((m) => [m.id, m.detail, m.maxInputTokens, m.maxOutputTokens, m.capabilities]));

export class BedrockChatProvider extends Disposable implements vscode.LanguageModelChatProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private lastList = '';

  constructor(private readonly deps: BedrockChatProviderDeps) {
    super();
    this._register(deps.onDidChangeConnection(() => this.changed.fire()));
    // Mid-refresh states change nothing VS Code shows; a new list, or a failure, does.
    this._register(deps.catalog.onDidChange((c) => c.state !== 'refreshing' && this.fireIfListChanged()));
  }

  private fireIfListChanged(): void {
    const signature = listSignature(this.models());
    if (signature === this.lastList) return;
    this.lastList = signature;
    this.changed.fire();
  }

  models(): LmModelInfo[] {
    const keep = this.deps.defaultModel();
    return lmModelList(this.deps.catalog.descriptors, {
      keepLegacy: new Set(keep ? [keep] : []),
      plan: (modelId) => {
        try {
          return this.deps.router.plan({ modelId, task: 'chat', features: { streaming: true } });
        } catch {
          return undefined;
        }
      },
    });
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): Promise<vscode.LanguageModelChatInformation[]> {
    const { catalog } = this.deps;
    if (!catalog.descriptors.length && catalog.state !== 'error') {
      // Nothing cached yet: this is the first listing in this region. Wait for it, unless VS Code stops asking.
      await Promise.race([catalog.refresh(), new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()))]);
    }
    const list = this.models();
    this.lastList = listSignature(list);
    const err = catalog.error;
    if (!list.length && err) {
      this.deps.log.warn(`No Bedrock models for VS Code's chat: ${err.detail ?? err.message}`);
      if (!options.silent) void this.offerConnectionMenu(err);
    }
    return list;
  }

  private async offerConnectionMenu(err: ClassifiedError): Promise<void> {
    const open = 'Open Bedrock Connection Menu';
    if ((await showWarningMessage(`${errorText(err)} Bedrock models are not available in VS Code's chat until this is fixed.`, open)) === open) {
      await vscode.commands.executeCommand('bedrock.connectionMenu');
    }
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    let mapped;
    try {
      mapped = toChatRequest(model.id, messages.map(toLmMessage), { tools: options.tools, toolMode: options.toolMode, modelOptions: options.modelOptions });
    } catch (e) {
      if (e instanceof LmRequestError) throw new vscode.LanguageModelError(`Amazon Bedrock: ${e.message}`);
      throw e;
    }
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    let reasoningChars = 0;
    try {
      for await (const e of this.deps.router.stream(mapped.request, abort.signal, { api: mapped.api })) {
        switch (e.type) {
          case 'text':
            progress.report(new vscode.LanguageModelTextPart(e.text));
            break;
          case 'toolCall':
            progress.report(toolCallPart(e.id, e.name, e.input));
            break;
          case 'reasoning':
            // VS Code's stable API has no part for reasoning; it is never mixed into the reply text.
            reasoningChars += e.text.length;
            break;
          case 'route':
            this.deps.log.info(`vscode.lm ${model.id}: ${e.step.api} on ${e.step.endpoint} (${e.fallbackFrom ? `fallback: ${e.fallbackFrom.reason}` : e.step.reason})`);
            break;
          case 'usage':
            if (e.inputTokens) this.deps.tokens.observe(model.id, mapped.promptChars, e.inputTokens);
            this.deps.log.info(`vscode.lm ${model.id}: ${e.inputTokens ?? '?'} tokens in, ${e.outputTokens ?? '?'} out${reasoningChars ? ` (${reasoningChars} characters of reasoning not shown)` : ''}`);
            break;
          case 'error':
            if (e.error.kind === 'cancelled' || token.isCancellationRequested) throw new vscode.CancellationError();
            this.deps.log.warn(`vscode.lm ${model.id} failed (${e.error.kind}): ${e.error.detail ?? e.error.message}`);
            throw toLanguageModelError(e.error);
        }
      }
    } finally {
      cancel.dispose();
    }
  }

  async provideTokenCount(model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage, token: vscode.CancellationToken): Promise<number> {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      if (typeof text === 'string') return (await this.deps.tokens.count(model.id, text, 0, abort.signal)).tokens;
      const parts = text.content.map(toLmPart);
      const images = parts.filter((p) => p.kind === 'data' && imageFormatOf(p.mimeType)).length;
      const body = toolResultText(parts.filter((p) => !(p.kind === 'data' && imageFormatOf(p.mimeType))));
      return (await this.deps.tokens.count(model.id, body, images, abort.signal)).tokens;
    } finally {
      cancel.dispose();
    }
  }
}
