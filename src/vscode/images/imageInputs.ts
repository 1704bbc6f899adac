// What every image command asks first: the model that does the task (given by the Models view's
// row, or picked) and the input image (the file the explorer command ran on, or one picked), read,
// checked and kept in the image store.
import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { IMAGE_TASK_LABELS, supportsImageTask, type ImageTask } from '../../core/bedrock/images/imageFamily';
import { sniffImageMime, type ImageMime } from '../../core/bedrock/images/imageRequest';
import type { ImageStore } from '../../core/chat/imageTurn';
import { modelIdFromArgument } from '../../core/chat/modelOptions';
import { listedModels, type LoadingCatalog } from '../listedModels';
import { showWarningMessage } from '../notify';

/** Well under InvokeModel's 25 MB body once base64 adds a third. */
const MAX_INPUT_BYTES = 15_000_000;

export interface ImageInputDeps {
  catalog: LoadingCatalog;
  store: ImageStore;
}

/** An image read from disk and checked, not yet stored (a later check may still refuse it). */
export interface InputImage {
  name: string;
  data: Uint8Array;
  mime: ImageMime;
}

const baseOf = (d: ModelDescriptor) => d.baseModelId ?? d.id;
const candidateNames = (ds: readonly ModelDescriptor[]) => [...new Set(ds.filter((d) => d.kind === 'model').map((d) => d.name))].join(', ') || 'none in this region';

/** Picks the model for a task, remembering the last one picked so it is offered first. */
export function imageModelPicker(deps: ImageInputDeps) {
  let lastPicked: string | undefined;
  return async function pickModel(task: ImageTask, arg?: unknown, noneHint?: string): Promise<string | undefined> {
    const candidates = (await listedModels(deps.catalog)).filter((d) => supportsImageTask(baseOf(d), task));
    const fromExplorer = modelIdFromArgument(arg);
    const what = IMAGE_TASK_LABELS[task].toLowerCase();
    if (fromExplorer) {
      if (supportsImageTask(candidates.find((d) => d.id === fromExplorer)?.baseModelId ?? fromExplorer, task)) return fromExplorer;
      void showWarningMessage(`${fromExplorer} cannot ${what}. Choose a model that can: ${candidateNames(candidates)}.`);
      return undefined;
    }
    if (!candidates.length) {
      void showWarningMessage(noneHint ?? `No model in this region can ${what}. Nova Canvas and Titan Image Generator v2 can${task === 'textToImage' ? '' : ", and Stability's image services"}; try another region (Bedrock: Select Region).`);
      return undefined;
    }
    if (candidates.length === 1) return candidates[0]!.id;
    const items = candidates
      .map((d) => ({ label: d.name, description: d.id, detail: d.provider, id: d.id }))
      .sort((a, b) => Number(b.id === lastPicked) - Number(a.id === lastPicked));
    const picked = await vscode.window.showQuickPick(items, { title: `${IMAGE_TASK_LABELS[task]}: choose a model`, matchOnDescription: true });
    if (picked) lastPicked = picked.id;
    return picked?.id;
  };
}

export interface ReadImageOptions {
  /** The formats the model takes (the Amazon models: PNG and JPEG; Stability's services WebP too). */
  accept: readonly ImageMime[];
  /** The open dialog's title, when the image is asked for. */
  title?: string;
  /** What the image is, in messages ("the mask"). */
  role?: string;
}

const EXTENSIONS: Record<ImageMime, string[]> = { 'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'], 'image/webp': ['webp'] };
const FORMAT_NAMES: Record<ImageMime, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' };

/** The image a file-explorer command was run on, or one the user picks; read and checked. */
export async function readInputImage(arg: unknown, options: ReadImageOptions): Promise<InputImage | undefined> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Images: options.accept.flatMap((m) => EXTENSIONS[m]) }, openLabel: 'Use Image', ...(options.title ? { title: options.title } : {}) });
    uri = picked?.[0];
    if (!uri) return undefined;
  }
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const data = await vscode.workspace.fs.readFile(uri);
  const mime = sniffImageMime(data);
  const formats = options.accept.map((m) => FORMAT_NAMES[m]);
  const formatList = formats.length > 1 ? `${formats.slice(0, -1).join(', ')} or ${formats.at(-1)}` : formats[0];
  if (!mime || !options.accept.includes(mime)) {
    void showWarningMessage(`${name} is not a ${formatList} image, so it cannot be sent${options.role ? ` as ${options.role}` : ''} to this image model.`);
    return undefined;
  }
  if (data.length > MAX_INPUT_BYTES) {
    void showWarningMessage(`${name} is ${(data.length / 1e6).toFixed(1)} MB; image models take at most ${MAX_INPUT_BYTES / 1e6} MB here. Use a smaller image.`);
    return undefined;
  }
  return { name, data, mime };
}

/** Keeps the image in the store, for the turn that sends it; returns its id. */
export function keepImage(deps: ImageInputDeps, image: InputImage): Promise<string> {
  return deps.store.put(image.data, image.mime);
}
