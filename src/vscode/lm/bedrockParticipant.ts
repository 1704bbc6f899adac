// `@bedrock` in VS Code's chat: answers through the router with the Bedrock model picked in VS
// Code's model picker (else our default chat model). `/explain` the selection, `/models` to list
// and pick, `/route` to say how a model would be reached and why.
import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/bedrock/adapters/chatRequest';
import { isChatModel, type ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { classifyError } from '../../core/bedrock/errors/classifyError';
import { buildExplainPrompt } from '../../core/editor/explainPrompt';
import { checkSendableText } from '../../core/editor/selectionText';
import { listModelsText, routeReport } from '../../core/lm/modelReport';
import { spanToExplain } from '../editor/explainSelection';
import { readSetting } from '../settings';
import { errorText } from './lmParts';
import { LM_VENDOR, type LmRouter } from './bedrockChatProvider';

export const PARTICIPANT_ID = 'bedrock-workbench.bedrock';

export interface ParticipantDeps {
  router: LmRouter;
  catalog: { readonly descriptors: readonly ModelDescriptor[]; readonly fetchedAt: number | undefined };
  describe(modelId: string): ModelDescriptor | undefined;
  region(): string;
  defaultModel(): string | undefined;
  log: vscode.LogOutputChannel;
}

const SYSTEM = 'You are a helpful coding assistant inside VS Code, answering through Amazon Bedrock. Answer in Markdown.';

/** Earlier turns with this participant, as chat messages (other participants' turns are theirs). */
function history(context: vscode.ChatContext): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of context.history) {
    if (turn.participant !== PARTICIPANT_ID) continue;
    if (turn instanceof vscode.ChatRequestTurn) {
      if (turn.prompt.trim()) out.push({ role: 'user', content: [{ type: 'text', text: turn.prompt }] });
    } else {
      const text = turn.response.map((p) => (p instanceof vscode.ChatResponseMarkdownPart ? p.value.value : '')).join('');
      if (text.trim() && out.at(-1)?.role === 'user') out.push({ role: 'assistant', content: [{ type: 'text', text }] });
    }
  }
  // A request whose answer failed leaves a user turn without a reply: keep the alternation.
  while (out.at(-1)?.role === 'user') out.pop();
  return out;
}

export function createParticipantHandler(deps: ParticipantDeps): vscode.ChatRequestHandler {
  const modelFor = (request: vscode.ChatRequest) => (request.model?.vendor === LM_VENDOR ? request.model.id : deps.defaultModel());

  async function answer(modelId: string, messages: ChatMessage[], stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      for await (const e of deps.router.stream({ modelId, task: 'chat', system: SYSTEM, messages }, abort.signal)) {
        if (e.type === 'text') stream.markdown(e.text);
        else if (e.type === 'route' && e.fallbackFrom) stream.progress(`Falling back: ${e.fallbackFrom.reason}`);
        else if (e.type === 'error') {
          if (e.error.kind === 'cancelled') return {};
          deps.log.warn(`@bedrock ${modelId} failed (${e.error.kind}): ${e.error.detail ?? e.error.message}`);
          return { errorDetails: { message: errorText(e.error) } };
        }
      }
      return {};
    } catch (err) {
      return { errorDetails: { message: errorText(classifyError(err)) } };
    } finally {
      sub.dispose();
    }
  }

  async function explain(request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken, modelId: string): Promise<vscode.ChatResult> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return { errorDetails: { message: 'Open a file and select the code to explain, then ask again.' } };
    const span = await spanToExplain(editor);
    const problem = checkSendableText(span.text);
    if (problem) return { errorDetails: { message: span.origin === 'selection' ? problem.message : 'The current line is empty: select some code, or put the cursor inside a function.' } };
    const prompt = buildExplainPrompt({ span, documentLines: editor.document.getText().split(/\r?\n/), question: request.prompt.trim() || undefined, budgetChars: readSetting('explainMaxCharacters') });
    stream.reference(new vscode.Location(editor.document.uri, new vscode.Range(span.startLine, 0, span.endLine, Number.MAX_SAFE_INTEGER)));
    for (const notice of [prompt.originNotice, prompt.trimmedNotice]) if (notice) stream.progress(notice);
    return answer(modelId, [{ role: 'user', content: [{ type: 'text', text: prompt.prompt }] }], stream, token);
  }

  function models(request: vscode.ChatRequest, stream: vscode.ChatResponseStream): vscode.ChatResult {
    const chat = deps.catalog.descriptors.filter(isChatModel);
    const text = listModelsText(
      { region: deps.region(), fetchedAt: deps.catalog.fetchedAt, descriptors: chat, plan: (id) => deps.router.plan({ modelId: id, task: 'chat', features: { streaming: true } }) },
      { query: request.prompt.trim() || undefined, output: 'text', includeProfiles: true },
    );
    stream.markdown(text.replace(/^- (\S+)/gm, '- `$1`'));
    stream.markdown('\n\nPick a model in the chat\'s model picker (under "Amazon Bedrock"), or set the default Bedrock chat model:');
    stream.button({ command: 'bedrock.setDefaultChatModel', title: 'Choose Default Bedrock Chat Model…' });
    return {};
  }

  function route(request: vscode.ChatRequest, stream: vscode.ChatResponseStream, modelId: string | undefined): vscode.ChatResult {
    const asked = request.prompt.trim().split(/\s+/)[0] || modelId;
    if (!asked) return { errorDetails: { message: 'Name a model or profile id, e.g. /route anthropic.claude-3-haiku-20240307-v1:0' } };
    try {
      stream.markdown(routeReport(deps.router.plan({ modelId: asked, task: 'chat', features: { streaming: true } }), deps.describe(asked)));
      return {};
    } catch (err) {
      return { errorDetails: { message: errorText(classifyError(err)) } };
    }
  }

  return async (request, context, stream, token) => {
    const modelId = modelFor(request);
    if (request.command === 'models') return models(request, stream);
    if (request.command === 'route') return route(request, stream, modelId);
    if (!modelId) {
      stream.button({ command: 'bedrock.connectionMenu', title: 'Open Bedrock Connection Menu' });
      return { errorDetails: { message: 'No Bedrock chat model is listed yet: check the region and credentials, or pick a Bedrock model in the model picker.' } };
    }
    if (request.command === 'explain') return explain(request, stream, token, modelId);
    if (!request.prompt.trim()) return { errorDetails: { message: 'Type a question after @bedrock, or use /explain, /models or /route.' } };
    return answer(modelId, [...history(context), { role: 'user', content: [{ type: 'text', text: request.prompt }] }], stream, token);
  };
}

export function registerBedrockParticipant(deps: ParticipantDeps, extensionUri: vscode.Uri): vscode.Disposable {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, createParticipantHandler(deps));
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  return participant;
}
