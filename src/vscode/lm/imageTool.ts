// `bedrock_generate_image`: any language model in VS Code can draw with Bedrock's image models. Each
// image is billed to the user's account, so VS Code asks the user to confirm every call first. The
// images come back to the model as image parts and are kept as files the user can open.
import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { redact } from '../../core/bedrock/errors/redact';
import type { ImageRequest, ImageResult } from '../../core/bedrock/images/imageRequest';
import { classifyError } from '../../core/bedrock/errors/classifyError';
import { readImageInput } from '../../core/lm/imageToolInput';
import { errorText } from './lmParts';

export interface ImageToolDeps {
  region(): string;
  catalog: { readonly descriptors: readonly ModelDescriptor[] };
  generate(request: ImageRequest, signal: AbortSignal): Promise<ImageResult>;
  /** Keeps an image; returns where the user can open it. */
  save(data: Uint8Array, mime: ImageResult['images'][number]['mime']): Promise<vscode.Uri>;
}

export function imageTool(deps: ImageToolDeps): vscode.LanguageModelTool<unknown> {
  return {
    prepareInvocation(options) {
      const read = readImageInput(options.input, deps.catalog.descriptors);
      if ('problem' in read) return { invocationMessage: 'Checking the image request' };
      const { modelId, count = 1, prompt } = read.request;
      const message = new vscode.MarkdownString();
      message.appendMarkdown(`Generate **${count}** image${count === 1 ? '' : 's'} with \`${modelId}\` in ${deps.region()}:\n\n`);
      message.appendText(`“${prompt}”`);
      message.appendMarkdown('\n\nAmazon Bedrock bills every generated image to your AWS account.');
      return {
        invocationMessage: `Generating ${count === 1 ? 'an image' : `${count} images`} with Amazon Bedrock`,
        confirmationMessages: { title: 'Generate images with Amazon Bedrock?', message },
      };
    },
    async invoke(options, token) {
      const read = readImageInput(options.input, deps.catalog.descriptors);
      const text = (s: string) => new vscode.LanguageModelTextPart(redact(s));
      if ('problem' in read) return new vscode.LanguageModelToolResult([text(`bedrock_generate_image could not use its input: ${read.problem}`)]);
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let result: ImageResult;
      try {
        result = await deps.generate(read.request, abort.signal);
      } catch (err) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        return new vscode.LanguageModelToolResult([text(errorText(classifyError(err)))]);
      } finally {
        sub.dispose();
      }
      const files = await Promise.all(result.images.map((i) => deps.save(i.data, i.mime)));
      const seeds = result.images.map((i) => i.seed).filter((s) => s !== undefined);
      const lines = [
        `${result.images.length} image${result.images.length === 1 ? '' : 's'} from ${result.modelId} for "${read.request.prompt}"${seeds.length ? ` (seed ${seeds.join(', ')})` : ''}, saved as:`,
        ...files.map((f) => `- ${f.fsPath}`),
      ];
      if (result.filtered) lines.push(`${result.filtered.blocked} of ${result.filtered.requested} withheld by the model's content filter: ${result.filtered.modelWording}`);
      return new vscode.LanguageModelToolResult([text(lines.join('\n')), ...result.images.map((i) => vscode.LanguageModelDataPart.image(i.data, i.mime))]);
    },
  };
}
