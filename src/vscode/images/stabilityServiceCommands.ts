// The commands for Stability's services that take more than words: Inpaint with Mask, Erase Object,
// Outpaint, Upscale, Sketch to Image, Generate in Style and Transfer Style. Each is on its model's
// row in the Models view (the row's context value says which), in the palette, and, from the file
// explorer on a PNG, JPEG or WebP, behind one "Edit Image with Stability…" picker. Each asks only
// what its service takes (a mask image or the image's transparency, margins, a second image, a
// prompt), checks it against the service's documented limits before anything is paid for, then
// offers Run, or Options… for the service's optional fields (stabilityOptionsStep.ts), and runs as
// an image turn in the chat view, whose gallery shows the result.
import * as vscode from 'vscode';
import { IMAGE_TASK_LABELS, supportsImageTask } from '../../core/bedrock/images/imageFamily';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import type { ImageMime, ImageRequest } from '../../core/bedrock/images/imageRequest';
import { hasAlphaChannel, parseOutpaintMargins, serviceImageProblem, stabilityServiceProblem } from '../../core/bedrock/images/stabilityServiceChecks';
import { OUTPAINT_MAX_MARGIN, stabilityServiceOf, type StabilityServiceTraits } from '../../core/bedrock/images/stabilityServices';
import { turnFieldsOf } from '../../core/bedrock/images/stabilityServiceOptions';
import type { ImageTurnOptions } from '../../shared/imageProtocol';
import { listedModels } from '../listedModels';
import { showWarningMessage } from '../notify';
import type { ImageCommandDeps } from './imageCommands';
import { imageModelPicker, keepImage, readInputImage, type InputImage } from './imageInputs';
import { ServiceOptionMemory, runOrOptions } from './stabilityOptionsStep';

const STABILITY_FORMATS: readonly ImageMime[] = ['image/png', 'image/jpeg', 'image/webp'];

type ServiceTask = 'maskInpaint' | 'erase' | 'outpaint' | 'upscale' | 'sketch' | 'styleGuide' | 'styleTransfer';

/** The commands, in the order the picker lists them, with what each does and the placeholder for its prompt. */
const TASKS: ReadonlyArray<{ command: string; task: ServiceTask; detail: string; placeholder: string }> = [
  { command: 'bedrock.inpaintImageWithMask', task: 'maskInpaint', detail: 'Repaint the area a mask image (or the transparency) marks, from a prompt', placeholder: 'a red wooden door' },
  { command: 'bedrock.eraseImageObject', task: 'erase', detail: 'Remove what a mask image (or the transparency) marks; the background is filled in', placeholder: '' },
  { command: 'bedrock.outpaintImage', task: 'outpaint', detail: `Extend the image by up to ${OUTPAINT_MAX_MARGIN} pixels on any side`, placeholder: 'more of the beach' },
  { command: 'bedrock.upscaleImage', task: 'upscale', detail: 'Make it larger: Fast (4×, no prompt), Conservative or Creative (with a prompt)', placeholder: 'a harbour at dawn, sharp detail' },
  { command: 'bedrock.sketchToImage', task: 'sketch', detail: 'Turn a sketch or line drawing into a finished image', placeholder: 'a medieval castle on a hill, oil painting' },
  { command: 'bedrock.generateImageInStyle', task: 'styleGuide', detail: "Draw something new in this image's style", placeholder: 'a fox in the snow' },
  { command: 'bedrock.transferImageStyle', task: 'styleTransfer', detail: "Apply a second image's look to this one", placeholder: 'warmer light' },
];

export function stabilityServiceCommands(deps: ImageCommandDeps, optionMemory = new ServiceOptionMemory()) {
  const pickModel = imageModelPicker(deps);
  const baseIdOf = (id: string) => deps.catalog.descriptors.find((d) => d.id === id)?.baseModelId ?? id;
  const offers = (listed: readonly ModelDescriptor[], task: ServiceTask) => listed.some((d) => supportsImageTask(d.baseModelId ?? d.id, task));
  const noModel = (task: ServiceTask) =>
    `No model in this region can ${IMAGE_TASK_LABELS[task].toLowerCase()}: that takes one of Stability's image services, which Bedrock offers in only some regions. Try another region (Bedrock: Select Region).`;
  const warn = (message: string) => void showWarningMessage(message);

  /** The mask image, `null` for the image's own transparency, or undefined when the user backed out. */
  async function chooseMask(service: StabilityServiceTraits, source: InputImage): Promise<InputImage | null | undefined> {
    const verb = service.task === 'erase' ? 'erased' : 'repainted';
    const alpha = hasAlphaChannel(source.data);
    const items = [
      { id: 'mask-file', label: '$(file-media) Choose a mask image…', detail: `Black and white, the size of ${source.name}: white is ${verb}, black is kept` },
      {
        id: 'mask-alpha',
        label: "$(circle-large-outline) No mask: use the image's transparency",
        detail: `The transparent pixels of ${source.name} (its alpha channel) are ${verb}`,
        ...(alpha === false ? { description: 'this image has no transparency' } : {}),
      },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `${service.label}: which area is ${verb}?`, ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.id === 'mask-alpha') {
      if (alpha === false) {
        warn(`${source.name} has no transparency (alpha channel), so it cannot be its own mask. Choose a mask image, or save the image as a PNG with the area to change made transparent.`);
        return undefined;
      }
      return null;
    }
    return (await readInputImage(undefined, { accept: STABILITY_FORMATS, title: `Choose the mask for ${source.name} (white is ${verb})`, role: 'the mask' })) ?? undefined;
  }

  async function askMargins(source: InputImage): Promise<ImageRequest['outpaint'] | undefined> {
    const text = await vscode.window.showInputBox({
      title: `Outpaint ${source.name}`,
      prompt: `Pixels to add on each side: left right up down (whole numbers, 0–${OUTPAINT_MAX_MARGIN} each)`,
      placeHolder: '200 200 0 0',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const parsed = parseOutpaintMargins(v);
        return 'problem' in parsed ? parsed.problem : undefined;
      },
    });
    if (text === undefined) return undefined;
    const parsed = parseOutpaintMargins(text);
    return 'problem' in parsed ? undefined : parsed;
  }

  async function askPrompt(question: string, placeholder: string, required: boolean): Promise<string | undefined> {
    const text = await vscode.window.showInputBox({ prompt: question, placeHolder: placeholder, ignoreFocusOut: true, validateInput: (v) => (required && !v.trim() ? 'This service needs a prompt.' : undefined) });
    if (text === undefined || (required && !text.trim())) return undefined;
    return text.trim();
  }

  async function run(task: ServiceTask, arg: unknown): Promise<void> {
    const spec = TASKS.find((t) => t.task === task)!;
    const fromModelRow = arg !== undefined && !(arg instanceof vscode.Uri) ? arg : undefined;
    let modelId = fromModelRow ? await pickModel(task, fromModelRow, noModel(task)) : undefined;
    if (fromModelRow && !modelId) return;
    if (!fromModelRow && !offers(await listedModels(deps.catalog), task)) return warn(noModel(task));
    const title = task === 'styleTransfer' ? 'Choose the content image (the picture to restyle)' : `${IMAGE_TASK_LABELS[task]}: choose the image`;
    const source = await readInputImage(fromModelRow ? undefined : arg, { accept: STABILITY_FORMATS, title });
    if (!source) return;
    modelId ??= await pickModel(task, undefined, noModel(task));
    if (!modelId) return;
    const service = stabilityServiceOf(baseIdOf(modelId));
    if (!service) return warn(`${modelId} is not one of Stability's image services.`);
    // The input is checked before anything else is asked, so a wrong image is said at once.
    const imageProblem = serviceImageProblem(source.data, service.label, service.limits, task === 'styleTransfer' ? 'The content image' : 'The input image');
    if (imageProblem) return warn(`${source.name}: ${imageProblem}`);

    const request: ImageRequest = { modelId, task, image: source.data };
    let mask: InputImage | null | undefined;
    let style: InputImage | undefined;
    if (service.mask) {
      mask = await chooseMask(service, source);
      if (mask === undefined) return;
      if (mask) request.mask = mask.data;
    }
    if (task === 'outpaint') {
      request.outpaint = await askMargins(source);
      if (!request.outpaint) return;
    }
    if (task === 'styleTransfer') {
      style = await readInputImage(undefined, { accept: STABILITY_FORMATS, title: `Choose the style image (its look is applied to ${source.name})`, role: 'the style image' });
      if (!style) return;
      request.styleImage = style.data;
    }
    const problem = stabilityServiceProblem(request);
    if (problem) return warn(problem);

    const question = service.promptQuestion ?? service.optionalPromptQuestion;
    const prompt = question ? await askPrompt(question, spec.placeholder, service.promptQuestion !== undefined) : '';
    if (prompt === undefined) return;
    const tuning = await runOrOptions(service, optionMemory);
    if (!tuning) return;

    const options: ImageTurnOptions = { task, sourceImageId: await keepImage(deps, source), ...turnFieldsOf(service.service, tuning) };
    if (mask) options.maskImageId = await keepImage(deps, mask);
    if (style) options.styleImageId = await keepImage(deps, style);
    if (request.outpaint) options.outpaint = request.outpaint;
    if (!prompt) options.captionOnly = true;
    await deps.send(prompt || caption(task, source, style, request.outpaint, mask), modelId, options);
  }

  /** The turn's text when there is no prompt: what was asked, in words. */
  function caption(task: ServiceTask, source: InputImage, style: InputImage | undefined, margins: ImageRequest['outpaint'], mask: InputImage | null | undefined): string {
    if (task === 'erase') return `Erase the ${mask ? `area ${mask.name} marks` : 'transparent area'} in ${source.name}`;
    if (task === 'styleTransfer') return `${source.name} in the style of ${style?.name ?? 'the style image'}`;
    if (task === 'outpaint' && margins) {
      const sides = (['left', 'right', 'up', 'down'] as const).filter((k) => margins[k] > 0).map((k) => `${k} ${margins[k]} px`);
      return `Extend ${source.name} (${sides.join(', ')})`;
    }
    return `${IMAGE_TASK_LABELS[task]} ${source.name}`;
  }

  const commands = Object.fromEntries(TASKS.map(({ command, task }) => [command, (arg?: unknown) => run(task, arg)])) as Record<(typeof TASKS)[number]['command'], (arg?: unknown) => Promise<void>>;
  return {
    'bedrock.inpaintImageWithMask': commands['bedrock.inpaintImageWithMask'],
    'bedrock.eraseImageObject': commands['bedrock.eraseImageObject'],
    'bedrock.outpaintImage': commands['bedrock.outpaintImage'],
    'bedrock.upscaleImage': commands['bedrock.upscaleImage'],
    'bedrock.sketchToImage': commands['bedrock.sketchToImage'],
    'bedrock.generateImageInStyle': commands['bedrock.generateImageInStyle'],
    'bedrock.transferImageStyle': commands['bedrock.transferImageStyle'],
    /** From the file explorer (or the palette): which service, then that service's questions. */
    'bedrock.editImageWithStability': async (arg?: unknown) => {
      const listed = await listedModels(deps.catalog);
      const offered = TASKS.filter((t) => offers(listed, t.task));
      if (!offered.length) return warn("No Stability image service is offered in this region. Try another region (Bedrock: Select Region); Remove Background and Edit with Prompt also work with Nova Canvas and Titan.");
      const items = offered.map((t) => ({ id: t.task, label: IMAGE_TASK_LABELS[t.task], detail: t.detail }));
      const name = arg instanceof vscode.Uri ? arg.path.slice(arg.path.lastIndexOf('/') + 1) : 'an image';
      const picked = await vscode.window.showQuickPick(items, { title: `Edit ${name} with Stability`, matchOnDetail: true });
      if (picked) await run(picked.id, arg);
    },
  };
}
