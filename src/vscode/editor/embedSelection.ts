import * as vscode from 'vscode';
import type { EmbedResult } from '../../core/bedrock/embedding/embedTypes';
import { BedrockError } from '../../core/bedrock/errors/classifiedError';
import { isEmbeddingModel, type ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import type { Router } from '../../core/bedrock/routing/router';
import { checkSendableText, selectedLines } from '../../core/editor/selectionText';
import { embeddingDocument, summarizeEmbedding, type EmbeddingSummary } from '../../core/bedrock/embedding/embeddingDocument';
import { cosineSimilarity } from '../../core/bedrock/embedding/vectorMath';
import { showErrorMessage, showInformationMessage, showWarningMessage } from '../notify';
import type { FeatureRegistration } from '../commands';
import { pickWithSaveButton, type SavingPickItem } from '../savingQuickPick';
import { readSetting, updateSetting } from '../settings';

export interface EmbedDeps {
  router: Router;
  /** Embedding-capable models the catalog knows, for the picker. */
  embeddingModels(): Promise<ModelDescriptor[]>;
  describe(id: string): ModelDescriptor | undefined;
  log: vscode.LogOutputChannel;
}

interface ModelChoice {
  modelId: string;
  /** 0 = the model's default. */
  dimensions: number;
}

/** What Compare needs from the previous embedding. */
interface LastEmbedding extends EmbeddingSummary {
  requestedDimensions: number;
  label: string;
}

/** The selection's text and where it is; undefined (with a message) when there is nothing to send. */
function selectedText(): { text: string; label: string; file: string; startLine: number; endLine: number } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Open a file and select some text to embed.');
    return undefined;
  }
  const sel = editor.selection;
  const text = editor.document.getText(sel);
  const problem = checkSendableText(text);
  if (problem) {
    void showWarningMessage(problem.message);
    return undefined;
  }
  const file = vscode.workspace.asRelativePath(editor.document.uri, false);
  const lines = selectedLines(sel);
  const startLine = lines.startLine + 1;
  const endLine = lines.endLine + 1;
  return { text, file, startLine, endLine, label: `${file}:${startLine}-${endLine}` };
}

/** Embed Selection, Compare with Last Embedding and Copy Vector. */
export function registerEmbed(deps: EmbedDeps) {
  let last: LastEmbedding | undefined;

  async function chooseModel(): Promise<ModelChoice | undefined> {
    const configured = readSetting('embeddingDefaultModel');
    const dims = readSetting('embeddingDimensions');
    if (configured) {
      const d = deps.describe(configured);
      if (d && !isEmbeddingModel(d)) {
        const pick = await showErrorMessage(
          `${configured} (bedrock.embedding.defaultModel) can't produce embeddings, so nothing was sent. Choose an embedding model.`,
          'Choose Embedding Model',
        );
        return pick ? pickModel() : undefined;
      }
      return { modelId: configured, dimensions: dims };
    }
    return pickModel();
  }

  async function pickModel(): Promise<ModelChoice | undefined> {
    const models = await deps.embeddingModels();
    if (models.length === 0) {
      void vscode.window.showErrorMessage('No embedding model is listed in this region. Refresh the model list or pick another region (Bedrock: Select Region).');
      return undefined;
    }
    type Item = SavingPickItem<ModelChoice>;
    const items: Item[] = models.flatMap((d): Item[] => {
      const options = d.limits.embed?.dimensions ?? [];
      if (options.length <= 1) return [{ label: d.name, description: d.id, detail: options[0] ? `${options[0]} dimensions` : undefined, choice: { modelId: d.id, dimensions: 0 } }];
      return options.map((n, i) => ({
        label: `${d.name} · ${n}`,
        description: d.id,
        detail: `${n} dimensions${i === 0 ? ' (default)' : ''}`,
        choice: { modelId: d.id, dimensions: i === 0 ? 0 : n },
      }));
    });
    return pickWithSaveButton('Embedding model (the save button also makes it the default)', items, async (choice) => {
      await updateSetting('embeddingDefaultModel', choice.modelId, 'the default embedding model');
      await updateSetting('embeddingDimensions', choice.dimensions, 'the embedding dimensions');
    });
  }

  async function run(choice: ModelChoice, text: string, label: string): Promise<EmbedResult | undefined> {
    const concurrency = readSetting('embeddingConcurrency');
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Embedding ${label} with ${choice.modelId}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort(new Error('Cancelled by the user')));
          let reported = 0;
          try {
            return await deps.router.embed(
              { modelId: choice.modelId, texts: [text], dimensions: choice.dimensions || undefined, concurrency },
              abort.signal,
              ({ done, total }) => {
                const pct = (done / total) * 100;
                progress.report({ increment: pct - reported, message: `${done} of ${total} requests` });
                reported = pct;
              },
            );
          } finally {
            sub.dispose();
          }
        },
      );
    } catch (e) {
      const c = e instanceof BedrockError ? e.classified : undefined;
      if (c?.kind === 'cancelled') {
        vscode.window.setStatusBarMessage('Embedding cancelled: remaining requests were stopped.', 4000);
        return undefined;
      }
      const message = c ? c.message : e instanceof Error ? e.message : String(e);
      deps.log.error(`Embedding ${label} with ${choice.modelId} failed: ${c?.detail ?? message}`);
      const actions = c?.action && c.action.id !== 'none' ? [c.action.label] : [];
      const picked = await showErrorMessage(`Embedding failed: ${message}`, ...actions, 'Show Log');
      if (picked === 'Show Log') deps.log.show();
      else if (picked && c?.action.id === 'retry') return run(choice, text, label);
      return undefined;
    }
  }

  const commands = {
    'bedrock.embedSelection': async (): Promise<vscode.TextDocument | undefined> => {
      const sel = selectedText();
      if (!sel) return undefined;
      const choice = await chooseModel();
      if (!choice) return undefined;
      const result = await run(choice, sel.text, sel.label);
      if (!result) return undefined;
      const summary = summarizeEmbedding(result);
      last = { ...summary, requestedDimensions: choice.dimensions, label: sel.label };
      const doc = await vscode.workspace.openTextDocument({
        language: 'json',
        content: embeddingDocument(result, { file: sel.file, startLine: sel.startLine, endLine: sel.endLine, characters: sel.text.length }),
      });
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      void showInformationMessage(
        `Embedded ${sel.label}: ${summary.dimension} dimensions${summary.chunkCount > 1 ? `, ${summary.chunkCount} chunks` : ''}${summary.normalized ? ', unit length' : ''}.`,
        'Copy Vector',
      ).then(async (pick) => {
        if (pick) await vscode.env.clipboard.writeText(JSON.stringify(summary.vector));
      });
      return doc;
    },

    'bedrock.copyLastVector': async () => {
      if (!last) {
        void vscode.window.showWarningMessage('Nothing has been embedded yet. Run Bedrock: Embed Selection first.');
        return;
      }
      await vscode.env.clipboard.writeText(JSON.stringify(last.vector));
      vscode.window.setStatusBarMessage(`Copied the ${last.dimension}-dimension vector of ${last.label}`, 3000);
    },

    'bedrock.compareEmbeddings': async (): Promise<number | undefined> => {
      if (!last) {
        void vscode.window.showWarningMessage('There is no previous embedding to compare with. Run Bedrock: Embed Selection on some text first.');
        return undefined;
      }
      const sel = selectedText();
      if (!sel) return undefined;
      // Same model and dimension as the previous embedding, or the comparison is meaningless.
      const result = await run({ modelId: last.model, dimensions: last.requestedDimensions }, sel.text, sel.label);
      if (!result) return undefined;
      const now = summarizeEmbedding(result);
      if (now.dimension !== last.dimension) {
        void showErrorMessage(`Can't compare: the new embedding has ${now.dimension} dimensions, the previous one ${last.dimension}. Embed both with the same model and dimension.`);
        return undefined;
      }
      const similarity = cosineSimilarity(now.vector, last.vector);
      void showInformationMessage(`Cosine similarity between ${sel.label} and ${last.label}: ${similarity.toFixed(4)} (${last.model}, ${last.dimension} dimensions).`);
      return similarity;
    },
  };
  return { commands, disposables: [] } satisfies FeatureRegistration;
}
