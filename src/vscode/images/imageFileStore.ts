// The chat's images as files in the extension's storage (the workspace's when a folder is open):
// generated images and the input images read from the explorer, each under a random id. Stored
// conversations keep only the ids, so history stays small; a removed file is reported as gone.
import * as vscode from 'vscode';
import { IMAGE_EXTENSIONS, sniffImageMime, type ImageMime } from '../../core/bedrock/images/imageRequest';
import type { ImageStore } from '../../core/chat/imageTurn';
import { isImageId } from '../../shared/imageProtocol';

const EXTENSIONS = Object.values(IMAGE_EXTENSIONS);

export class ImageFileStore implements ImageStore {
  constructor(private readonly dir: vscode.Uri) {}

  async put(data: Uint8Array, mime: ImageMime): Promise<string> {
    const id = globalThis.crypto.randomUUID();
    await vscode.workspace.fs.createDirectory(this.dir);
    await vscode.workspace.fs.writeFile(this.fileOf(id, mime), data);
    return id;
  }

  async get(id: string): Promise<{ data: Uint8Array; mime: ImageMime } | undefined> {
    if (!isImageId(id)) return undefined;
    for (const ext of EXTENSIONS) {
      try {
        const data = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.dir, `${id}.${ext}`));
        // The file is read back as untrusted: only a real image is handed on, with the type its bytes say.
        const mime = sniffImageMime(data);
        return mime ? { data, mime } : undefined;
      } catch {
        // Not under this extension; try the next.
      }
    }
    return undefined;
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids.filter(isImageId)) {
      for (const ext of EXTENSIONS) await Promise.resolve(vscode.workspace.fs.delete(vscode.Uri.joinPath(this.dir, `${id}.${ext}`))).catch(() => undefined);
    }
  }

  /** Where an image is kept, for a user who wants to open it. */
  fileOf(id: string, mime: ImageMime): vscode.Uri {
    return vscode.Uri.joinPath(this.dir, `${id}.${IMAGE_EXTENSIONS[mime]}`);
  }
}

/** Where the chat keeps its images: beside the workspace's chat history, else in global storage. */
export function imageStoreFor(context: vscode.ExtensionContext): ImageFileStore {
  return new ImageFileStore(vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'images'));
}
