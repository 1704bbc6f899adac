// The questions "Generate Video…" asks, one quick input at a time: the task, the prompt (or one per
// shot), the images (a first frame; for manual multi-shot, optionally one per shot), the length and
// the seed. Each answer is checked against Nova Reel's limits as it is typed or picked, so a job is
// only started with a request the model takes.
import * as vscode from 'vscode';
import { REEL_LIMITS, durationProblem, imageProblem, promptProblem, reelTasks, seedTextProblem, sniffImageFormat, type ReelImage, type ReelRequest, type ReelTask } from '../../core/bedrock/async/novaReel';
import { showErrorMessage } from '../notify';

const TASK_ITEMS: Record<ReelTask, { label: string; detail: string }> = {
  TEXT_VIDEO: { label: 'Text to video', detail: 'A 6-second video from a prompt, optionally starting from an image' },
  MULTI_SHOT_AUTOMATED: { label: 'Multi-shot, automated', detail: 'One prompt; the model plans 6-second shots for 12–120 seconds' },
  MULTI_SHOT_MANUAL: { label: 'Multi-shot, manual', detail: 'A prompt for each 6-second shot (2–20 shots), each optionally from an image' },
};

/** How many workspace images the image pick lists; the rest are reached with "Browse…". */
const MAX_LISTED_IMAGES = 50;

async function askPrompt(title: string, max: number): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({ title, prompt: `Describe the video (up to ${max} characters).`, ignoreFocusOut: true, validateInput: (v) => promptProblem(v, max) });
  return text?.trim() ? text : undefined;
}

type ImagePick = vscode.QuickPickItem & { uri?: vscode.Uri; browse?: boolean };

/**
 * An image for the video: none (undefined), one read and checked (1280×720 PNG or JPEG), or null
 * when the user cancelled or the file was refused (they were told why).
 */
async function askImage(title: string, noneLabel: string, what: string): Promise<ReelImage | undefined | null> {
  const files = await vscode.workspace.findFiles('**/*.{png,PNG,jpg,JPG,jpeg,JPEG}', '**/node_modules/**', MAX_LISTED_IMAGES);
  const items: ImagePick[] = [
    { label: noneLabel, detail: 'Start from the prompt alone' },
    ...files.map((uri) => ({ label: `$(file-media) ${vscode.workspace.asRelativePath(uri)}`, uri })),
    { label: 'Start from an image…', detail: `Browse for a 1280×720 PNG or JPEG as the ${what}`, browse: true },
  ];
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: `The ${what}: Nova Reel takes a 1280×720 PNG or JPEG`, ignoreFocusOut: true, matchOnDescription: true });
  if (!pick) return null;
  let file = pick.uri;
  if (pick.browse) [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Images: ['png', 'jpg', 'jpeg'] }, title: `${title} (1280×720 PNG or JPEG)` })) ?? [];
  else if (!file) return undefined;
  if (!file) return null;
  const bytes = await vscode.workspace.fs.readFile(file);
  const problem = imageProblem(bytes, what);
  if (problem) {
    void showErrorMessage(`${vscode.workspace.asRelativePath(file)}: ${problem}`);
    return null;
  }
  return { format: sniffImageFormat(bytes)!, bytes };
}

/** The seed, typed; undefined leaves it to the model; null is a cancel. */
async function askSeed(): Promise<number | undefined | null> {
  const text = await vscode.window.showInputBox({
    title: 'Generate Video: seed (optional)',
    prompt: `The same seed and prompt give the same video: a whole number from 0 to ${REEL_LIMITS.maxSeed}. Leave empty to let Nova Reel choose.`,
    placeHolder: 'empty: the model chooses',
    ignoreFocusOut: true,
    validateInput: seedTextProblem,
  });
  if (text === undefined) return null;
  return text.trim() ? Number(text.trim()) : undefined;
}

async function askShots(): Promise<ReelRequest | undefined> {
  const withImages = await vscode.window.showQuickPick(
    [
      { label: 'Prompts only', detail: 'Each shot from its prompt', images: false },
      { label: 'Prompts and images', detail: 'Each shot from its prompt, optionally starting from a 1280×720 image', images: true },
    ],
    { title: 'Generate Video: shots', ignoreFocusOut: true },
  );
  if (!withImages) return undefined;
  const shots: Array<{ prompt: string; image?: ReelImage }> = [];
  while (shots.length < REEL_LIMITS.maxShots) {
    const n = shots.length + 1;
    const text = await vscode.window.showInputBox({
      title: `Generate Video: shot ${n}${n > REEL_LIMITS.minShots ? ' (leave empty to finish)' : ''}`,
      prompt: `What happens in shot ${n} (6 seconds)?`,
      ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() && n > REEL_LIMITS.minShots ? undefined : promptProblem(v, REEL_LIMITS.promptChars)),
    });
    if (text === undefined) return undefined;
    if (!text.trim()) break;
    if (!withImages.images) {
      shots.push({ prompt: text });
      continue;
    }
    const image = await askImage(`Generate Video: image for shot ${n}`, 'No image for this shot', `image of shot ${n}`);
    if (image === null) return undefined;
    shots.push({ prompt: text, ...(image ? { image } : {}) });
  }
  return { task: 'MULTI_SHOT_MANUAL', shots };
}

async function askTaskRequest(modelId: string): Promise<ReelRequest | undefined> {
  const tasks = reelTasks(modelId);
  let task: ReelTask = 'TEXT_VIDEO';
  if (tasks.length > 1) {
    const pick = await vscode.window.showQuickPick(tasks.map((t) => ({ ...TASK_ITEMS[t], task: t })), { title: `Generate Video with ${modelId}`, ignoreFocusOut: true });
    if (!pick) return undefined;
    task = pick.task;
  }
  if (task === 'TEXT_VIDEO') {
    const prompt = await askPrompt('Generate Video: prompt', REEL_LIMITS.promptChars);
    if (!prompt) return undefined;
    const image = await askImage('Generate Video: first frame', 'No image', 'first frame');
    if (image === null) return undefined;
    return { task, prompt, ...(image ? { image } : {}) };
  }
  if (task === 'MULTI_SHOT_AUTOMATED') {
    const prompt = await askPrompt('Generate Video: prompt for the whole video', REEL_LIMITS.automatedPromptChars);
    if (!prompt) return undefined;
    const seconds: number[] = [];
    for (let s = REEL_LIMITS.minSeconds; s <= REEL_LIMITS.maxSeconds; s += REEL_LIMITS.shotSeconds) seconds.push(s);
    const pick = await vscode.window.showQuickPick(seconds.map((s) => ({ label: `${s} seconds`, description: `${s / REEL_LIMITS.shotSeconds} shots`, s })), { title: 'Generate Video: length', ignoreFocusOut: true });
    if (!pick || durationProblem(pick.s)) return undefined;
    return { task, prompt, durationSeconds: pick.s };
  }
  return askShots();
}

/** Every answer the model needs, or undefined when the user stopped. */
export async function askVideoRequest(modelId: string): Promise<ReelRequest | undefined> {
  const request = await askTaskRequest(modelId);
  if (!request) return undefined;
  const seed = await askSeed();
  if (seed === null) return undefined;
  return seed === undefined ? request : { ...request, seed };
}
