// Tools any language model in VS Code can call (Copilot's agent mode included): which Bedrock models
// this account has here and how each is reached, and how many tokens a text is. Both only read:
// listing models and CountTokens cost nothing, so neither asks for confirmation.
import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import type { RoutePlan } from '../../core/bedrock/routing/routePlan';
import { listModelsText, readListModelsInput } from '../../core/lm/modelReport';
import type { TokenCounter } from '../../core/lm/tokenCounter';
import { redact } from '../../core/bedrock/errors/redact';


export interface LmToolDeps {
  region(): string;
  catalog: { readonly descriptors: readonly ModelDescriptor[]; readonly fetchedAt: number | undefined; refresh(): Promise<void> };
  plan(modelId: string): RoutePlan | undefined;
  tokens: TokenCounter;
  defaultModel(): string | undefined;
}

const result = (text: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(redact(text))]);

/**
 * A tool's `invoke`: the input is read first, and an unusable one is said back to the model as the
 * result, so it can correct the call.
 */
function invokeWithInput<T>(
  tool: string,
  read: (raw: unknown) => T,
  run: (input: T, token: vscode.CancellationToken) => Promise<vscode.LanguageModelToolResult>,
): vscode.LanguageModelTool<unknown>['invoke'] {
  return async (options, token) => {
    let input: T;
    try {
      input = read(options.input);
    } catch (e) {
      return result(`${tool} could not use its input: ${e instanceof Error ? e.message : String(e)}`);
    }
    return run(input, token);
  };
}

function cancellable<T>(token: vscode.CancellationToken, work: Promise<T>): Promise<T> {
  if (token.isCancellationRequested) return Promise.reject(new vscode.CancellationError());
  return new Promise<T>((resolve, reject) => {
    const sub = token.onCancellationRequested(() => reject(new vscode.CancellationError()));
    work.then(resolve, reject).finally(() => sub.dispose());
  });
}

export function listModelsTool(deps: LmToolDeps): vscode.LanguageModelTool<unknown> {
  return {
    prepareInvocation: () => ({ invocationMessage: `Listing Amazon Bedrock models in ${deps.region()}` }),
    invoke: invokeWithInput('bedrock_list_models', readListModelsInput, async (input, token) => {
      if (!deps.catalog.descriptors.length) await cancellable(token, deps.catalog.refresh());
      return result(listModelsText({ region: deps.region(), fetchedAt: deps.catalog.fetchedAt, descriptors: deps.catalog.descriptors, plan: deps.plan }, input));
    }),
  };
}

interface CountInput {
  text: string;
  modelId?: string;
}

function readCountInput(raw: unknown): CountInput {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof o.text !== 'string') throw new Error(`text must be a string; got ${JSON.stringify(o.text)}.`);
  if (o.modelId !== undefined && (typeof o.modelId !== 'string' || !o.modelId.trim())) throw new Error(`modelId must be a model or profile id; got ${JSON.stringify(o.modelId)}.`);
  return { text: o.text, modelId: (o.modelId as string | undefined)?.trim() };
}

export function countTokensTool(deps: LmToolDeps): vscode.LanguageModelTool<unknown> {
  return {
    prepareInvocation: (options) => {
      const model = (options.input as Partial<CountInput>)?.modelId ?? deps.defaultModel() ?? 'the default model';
      return { invocationMessage: `Counting tokens for ${model} with Amazon Bedrock` };
    },
    invoke: invokeWithInput('bedrock_count_tokens', readCountInput, async (input, token) => {
      const modelId = input.modelId ?? deps.defaultModel();
      if (!modelId) return result('No model given and no default chat model is set: pass "modelId" (see bedrock_list_models).');
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const n = await deps.tokens.count(modelId, input.text, 0, abort.signal);
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        const how = n.source === 'countTokens' ? "counted by Bedrock's CountTokens" : `estimated at ${deps.tokens.charsPerToken(modelId).toFixed(2)} characters per token (this model cannot count)`;
        return result(`${n.tokens} tokens for ${modelId} (${input.text.length} characters; ${how}).`);
      } finally {
        sub.dispose();
      }
    }),
  };
}

export function registerLmTools(deps: LmToolDeps): vscode.Disposable[] {
  return [vscode.lm.registerTool('bedrock_list_models', listModelsTool(deps)), vscode.lm.registerTool('bedrock_count_tokens', countTokensTool(deps))];
}
