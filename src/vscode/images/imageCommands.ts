// "Generate Image…" (palette, and the explorer on image models) and, from the file explorer on a
// PNG or JPEG or from the models view on a model that does the task, "Generate Variations",
// "Remove Background" and "Edit with Prompt" (Nova Canvas, Titan Image Generator v2, and
// Stability's image services and SD3.5 where they do the task); Stability's other services are
// stabilityServiceCommands.ts's. Each asks only what the task and
// the model need, then runs as an image turn in the chat view, where the gallery shows the result
// with the chat's image options (size, count, seed, quality, style).
import * as vscode from 'vscode';
import { imageTraitsOf, type ImageFamilyTraits, type ImageTask } from '../../core/bedrock/images/imageFamily';
import type { ImageStore } from '../../core/chat/imageTurn';
import type { ImageTurnOptions } from '../../shared/imageProtocol';
import type { FeatureRegistration } from '../commands';
import { imageModelPicker, keepImage, readInputImage, type ImageInputDeps } from './imageInputs';
import { stabilityServiceCommands } from './stabilityServiceCommands';
import { ServiceOptionMemory, runOrOptions } from './stabilityOptionsStep';
import { turnFieldsOf } from '../../core/bedrock/images/stabilityServiceOptions';

export interface ImageCommandDeps {
  catalog: ImageInputDeps['catalog'];
  store: ImageStore;
  /** Runs the turn in the chat view beside the editor. */
  send(text: string, modelId: string, image: ImageTurnOptions): Promise<unknown>;
}

/** The image commands, registered like every feature. */
export function registerImages(deps: ImageCommandDeps): FeatureRegistration<ReturnType<typeof imageCommands> & ReturnType<typeof stabilityServiceCommands>> {
  // One memory of the Options step's values, so a service's settings follow it from command to command.
  const optionMemory = new ServiceOptionMemory();
  return { commands: { ...imageCommands(deps, optionMemory), ...stabilityServiceCommands(deps, optionMemory) }, disposables: [] };
}

export function imageCommands(deps: ImageCommandDeps, optionMemory = new ServiceOptionMemory()) {
  const pickModel = imageModelPicker(deps);

  /** The image a file-explorer command was run on, or one the user picks; read, checked and stored. */
  async function inputImage(arg: unknown): Promise<{ id: string; name: string } | undefined> {
    const image = await readInputImage(arg, { accept: ['image/png', 'image/jpeg'] });
    return image && { id: await keepImage(deps, image), name: image.name };
  }

  const ask = (prompt: string, placeHolder: string, required: boolean) =>
    vscode.window.showInputBox({ prompt, placeHolder, ignoreFocusOut: true, validateInput: (v) => (required && !v.trim() ? 'Say what the image should show.' : undefined) });

  /** The input image and the model, in the order the command was run from: a file first, or a model row first. */
  async function imageAndModel(task: ImageTask, arg: unknown): Promise<{ source: { id: string; name: string }; modelId: string; traits: ImageFamilyTraits | undefined } | undefined> {
    const fromModelRow = arg !== undefined && !(arg instanceof vscode.Uri) ? arg : undefined;
    let modelId = fromModelRow ? await pickModel(task, fromModelRow) : undefined;
    if (fromModelRow && !modelId) return undefined;
    const source = await inputImage(fromModelRow ? undefined : arg);
    if (!source) return undefined;
    modelId ??= await pickModel(task, undefined);
    if (!modelId) return undefined;
    return { source, modelId, traits: imageTraitsOf(baseIdOf(modelId)) };
  }

  const baseIdOf = (id: string) => deps.catalog.descriptors.find((d) => d.id === id)?.baseModelId ?? id;

  return {
    'bedrock.generateImage': async (arg?: unknown) => {
      const modelId = await pickModel('textToImage', arg);
      if (!modelId) return;
      const prompt = await ask('Describe the image', 'a lighthouse at dusk, watercolour', true);
      if (!prompt?.trim()) return;
      await deps.send(prompt, modelId, { task: 'textToImage' });
    },
    'bedrock.generateImageVariations': async (arg?: unknown) => {
      const chosen = await imageAndModel('variation', arg);
      if (!chosen) return;
      const { source, modelId, traits } = chosen;
      // Stability's image-to-image models always need a prompt; the Amazon models take one to steer.
      const required = traits?.family === 'stability';
      const prompt = await ask(traits?.promptQuestion ?? (required ? 'Describe the variations (required by this model)' : 'Steer the variations (optional)'), 'same scene, at night', required);
      if (prompt === undefined || (required && !prompt.trim())) return;
      // Control Structure, a Stability service, has optional fields: Run, or Options… first.
      const tuning = traits?.service ? await runOrOptions({ service: traits.service, label: traits.label }, optionMemory) : {};
      if (!tuning) return;
      const text = prompt.trim() ? prompt : `Variations of ${source.name}`;
      const tuned = traits?.service ? turnFieldsOf(traits.service, tuning) : {};
      await deps.send(text, modelId, { task: 'variation', sourceImageId: source.id, ...tuned, ...(prompt.trim() ? {} : { captionOnly: true }) });
    },
    'bedrock.removeImageBackground': async (arg?: unknown) => {
      const chosen = await imageAndModel('removeBackground', arg);
      if (!chosen) return;
      await deps.send(`Remove the background of ${chosen.source.name}`, chosen.modelId, { task: 'removeBackground', sourceImageId: chosen.source.id, captionOnly: true });
    },
    'bedrock.editImageWithPrompt': async (arg?: unknown) => {
      const chosen = await imageAndModel('inpaint', arg);
      if (!chosen) return;
      const { source, modelId, traits } = chosen;
      const mask = await vscode.window.showInputBox({ prompt: 'Which part of the image should change?', placeHolder: 'the sky', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Name the part to change, e.g. "the sky".') });
      if (!mask?.trim()) return;
      // Nova Canvas and Titan erase the part when no prompt is given; Stability's services need one.
      const required = traits?.promptQuestion !== undefined;
      const prompt = await ask(traits?.promptQuestion ?? 'What should be painted there? Leave empty to erase it.', 'a stormy sunset', required);
      if (prompt === undefined || (required && !prompt.trim())) return;
      const text = prompt.trim() ? prompt : `Erase ${mask} in ${source.name}`;
      await deps.send(text, modelId, { task: 'inpaint', sourceImageId: source.id, maskPrompt: mask, ...(prompt.trim() ? {} : { captionOnly: true }) });
    },
  };
}
