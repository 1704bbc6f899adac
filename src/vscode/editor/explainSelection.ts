import * as vscode from 'vscode';
import { buildExplainPrompt, type ExplainPrompt, type SourceSpan } from '../../core/editor/explainPrompt';
import { findEnclosingSymbol } from '../../core/editor/enclosingSymbol';
import { checkSendableText, selectedLines } from '../../core/editor/selectionText';
import { MAX_TEXT } from '../../shared/protocolValidation';
import type { FeatureRegistration } from '../commands';
import type { ChatContext } from '../../shared/protocol';
import { showInformationMessage, showWarningMessage } from '../notify';
import { readSetting } from '../settings';

/** Where an explanation goes: a new turn in the chat view, sent at once. */
export interface ExplainSink {
  /** `request` is what the user sees; `context` (shown as a chip) goes to the model after it. */
  ask(request: { request: string; context: ChatContext; modelId: string }): unknown;
}

export interface ExplainDeps {
  sink: ExplainSink;
  /** The chat model shared with the chat (last used, else the setting, else a mid-size default); undefined when none is listed. */
  chatModel(): Promise<string | undefined>;
  log: vscode.LogOutputChannel;
}

const EXPLAINABLE = new Set([
  vscode.SymbolKind.Function,
  vscode.SymbolKind.Method,
  vscode.SymbolKind.Constructor,
  vscode.SymbolKind.Class,
  vscode.SymbolKind.Interface,
  vscode.SymbolKind.Enum,
  vscode.SymbolKind.Struct,
  vscode.SymbolKind.Module,
  vscode.SymbolKind.Namespace,
]);

const SYMBOL_LOOKUP_TIMEOUT_MS = 1500;

/** The selection, else the enclosing symbol, else the current line. */
export async function spanToExplain(editor: vscode.TextEditor): Promise<SourceSpan> {
  const doc = editor.document;
  const fileName = doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri, false);
  const base = { fileName, languageId: doc.languageId };
  const sel = editor.selection;
  if (!sel.isEmpty) {
    return { ...base, ...selectedLines(sel), text: doc.getText(sel), origin: 'selection' };
  }
  let symbols: vscode.DocumentSymbol[] | undefined;
  try {
    // A language server that is still starting can take many seconds to answer: don't make the
    // user wait for it, use the current line instead.
    let timer: NodeJS.Timeout | undefined;
    symbols = await Promise.race([
      Promise.resolve(vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SYMBOL_LOOKUP_TIMEOUT_MS))),
    ]).finally(() => clearTimeout(timer));
  } catch {
    symbols = undefined; // no symbol provider for this language: fall back to the line
  }
  const symbol = symbols?.length && 'range' in symbols[0] ? findEnclosingSymbol(symbols, sel.active.line, (s) => EXPLAINABLE.has(s.kind)) : undefined;
  if (symbol) {
    return { ...base, startLine: symbol.range.start.line, endLine: symbol.range.end.line, text: doc.getText(symbol.range), origin: 'symbol', symbolName: symbol.name };
  }
  const line = doc.lineAt(sel.active.line);
  return { ...base, startLine: line.lineNumber, endLine: line.lineNumber, text: line.text, origin: 'line' };
}

/** Explain Selection and Ask About Selection. */
export function registerExplain(deps: ExplainDeps) {
  async function chatModel(): Promise<string | undefined> {
    const modelId = await deps.chatModel();
    if (!modelId) void vscode.window.showErrorMessage('No chat model is listed in this region yet. Refresh the model list (Bedrock view) or pick another region.');
    return modelId;
  }

  async function explain(question?: string): Promise<ExplainPrompt | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage('Open a file and select the code to explain.');
      return undefined;
    }
    const span = await spanToExplain(editor);
    const problem = checkSendableText(span.text);
    if (problem) {
      void showWarningMessage(span.origin === 'selection' ? problem.message : 'The current line is empty. Select some code, or put the cursor inside a function, then try again.');
      return undefined;
    }
    const modelId = await chatModel();
    if (!modelId) return undefined;
    const budget = readSetting('explainMaxCharacters');
    const lines = editor.document.getText().split(/\r?\n/);
    const prompt = buildExplainPrompt({ span, documentLines: lines, question, budgetChars: budget, maxPromptChars: MAX_TEXT });
    for (const notice of [prompt.originNotice, prompt.trimmedNotice]) if (notice) void showInformationMessage(notice);
    deps.log.info(`Explain ${prompt.label} with ${modelId} (${prompt.prompt.length} characters${prompt.trimmedNotice ? ', trimmed' : ''})`);
    const lineRange = span.startLine === span.endLine ? `${span.startLine + 1}` : `${span.startLine + 1}-${span.endLine + 1}`;
    const context: ChatContext = {
      label: `${span.fileName.split(/[\\/]/).pop()}:${lineRange}`,
      uri: editor.document.uri.toString(),
      startLine: span.startLine,
      endLine: span.endLine,
      text: prompt.context,
    };
    await deps.sink.ask({ request: prompt.request, context, modelId });
    return prompt;
  }

  const commands = {
    'bedrock.explainSelection': () => explain(),
    'bedrock.askAboutSelection': async () => {
      const question = await vscode.window.showInputBox({
        title: 'Ask about the selection',
        prompt: 'Your question is sent with the selected code (or the enclosing function) and its surroundings.',
        placeHolder: 'e.g. Why could this deadlock?',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Type a question'),
      });
      if (!question?.trim()) return undefined;
      return explain(question);
    },
  };
  return { commands, disposables: [] } satisfies FeatureRegistration;
}
