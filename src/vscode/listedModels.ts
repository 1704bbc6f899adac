// The catalog's models as a command needs them. The list loads once the extension has started; a
// command run before it arrives (the first seconds of a fresh install) waits for it, with the status
// bar saying so, instead of answering that no suitable model is listed in the region.
import * as vscode from 'vscode';
import type { ModelDescriptor } from '../core/bedrock/catalog/modelDescriptor';

export interface LoadingCatalog {
  readonly descriptors: readonly ModelDescriptor[];
  readonly state: string;
  /** Shares a fetch already under way; never rejects (a failed listing sets `state` to 'error'). */
  refresh(): Promise<void>;
}

/** The listed models, waiting for the first listing unless the last one failed (then whatever is listed). */
export async function listedModels(catalog: LoadingCatalog): Promise<readonly ModelDescriptor[]> {
  if (!catalog.descriptors.length && catalog.state !== 'error') {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Loading the Bedrock models…' }, () => catalog.refresh());
  }
  return catalog.descriptors;
}
