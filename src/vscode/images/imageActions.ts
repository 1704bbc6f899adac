// The gallery's buttons on the host side: hand an image's pixels to the webview, save it to the
// workspace, or put it where the user can paste it from.
import * as vscode from 'vscode';
import { IMAGE_EXTENSIONS } from '../../core/bedrock/images/imageRequest';
import { dataUri, type ImageStore } from '../../core/chat/imageTurn';
import type { ImageActionMessage, ImageDataMessage } from '../../shared/imageProtocol';
import { showInformationMessage, showWarningMessage } from '../notify';

/** The folder saved images go to, in the first workspace folder. */
export const SAVED_IMAGES_FOLDER = 'bedrock-images';

const GONE = 'This image is no longer stored (its file was removed).';

/** Writes the image into the workspace (or where the user picks, with no folder open); undefined if nothing was written. */
export async function saveImageToWorkspace(store: ImageStore, imageId: string): Promise<vscode.Uri | undefined> {
  const image = await store.get(imageId);
  if (!image) {
    void showWarningMessage(GONE);
    return undefined;
  }
  const name = `image-${imageId.slice(0, 8)}.${IMAGE_EXTENSIONS[image.mime]}`;
  const folder = vscode.workspace.workspaceFolders?.[0];
  let target: vscode.Uri | undefined;
  if (folder) {
    const dir = vscode.Uri.joinPath(folder.uri, SAVED_IMAGES_FOLDER);
    await vscode.workspace.fs.createDirectory(dir);
    target = vscode.Uri.joinPath(dir, name);
  } else {
    target = await vscode.window.showSaveDialog({ saveLabel: 'Save Image', filters: { Images: [IMAGE_EXTENSIONS[image.mime]] }, defaultUri: vscode.Uri.file(name) });
    if (!target) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, image.data);
  return target;
}

export async function runImageAction(store: ImageStore, msg: ImageActionMessage, post: (m: ImageDataMessage) => void): Promise<void> {
  switch (msg.action) {
    case 'load': {
      const image = await store.get(msg.imageId);
      post(image ? { method: 'image/data', imageId: msg.imageId, src: dataUri(image.data, image.mime) } : { method: 'image/data', imageId: msg.imageId, problem: GONE });
      return;
    }
    case 'save': {
      const uri = await saveImageToWorkspace(store, msg.imageId);
      if (!uri) return;
      const shown = vscode.workspace.asRelativePath(uri);
      void showInformationMessage(`Saved the image to ${shown}.`, 'Open').then((choice) => {
        if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', uri);
      });
      return;
    }
    case 'copy': {
      // The webview copies the pixels itself where the clipboard allows it; this is the fallback:
      // VS Code's clipboard takes text only, so the image is saved and its path copied.
      const uri = await saveImageToWorkspace(store, msg.imageId);
      if (!uri) return;
      await vscode.env.clipboard.writeText(uri.fsPath);
      void showInformationMessage(`This window cannot put images on the clipboard, so the image was saved and its path copied: ${vscode.workspace.asRelativePath(uri)}`);
      return;
    }
  }
}
