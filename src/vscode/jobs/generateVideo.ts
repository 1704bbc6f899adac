// "Bedrock: Generate Video…": Nova Reel text to video (with an optional first frame), multi-shot
// automated and multi-shot manual. Asks for what the chosen model takes, checks it against the
// model's limits, starts the job and hands it to the Jobs view, which says when it is done.
import * as vscode from 'vscode';
import { REEL_LIMITS, ReelInputError, durationProblem, imageProblem, promptProblem, reelModelInput, reelTasks, sniffImageFormat, type ReelImage, type ReelRequest, type ReelTask } from '../../core/bedrock/async/novaReel';
import { modelIdFromArgument } from '../../core/chat/modelOptions';
import { showErrorMessage, showInformationMessage } from '../notify';
import { outputLocation } from './outputLocation';
import type { JobsDeps } from './jobsDeps';

/** A request given by a caller (tests, other extensions): no questions asked. */
export interface GenerateVideoArgs {
  modelId: string;
  request: ReelRequest;
  s3OutputUri?: string;
}

const TASK_ITEMS: Record<ReelTask, { label: string; detail: string }> = {
  TEXT_VIDEO: { label: 'Text to video', detail: 'A 6-second video from a prompt, optionally starting from an image' },
  MULTI_SHOT_AUTOMATED: { label: 'Multi-shot, automated', detail: 'One prompt; the model plans 6-second shots for 12–120 seconds' },
  MULTI_SHOT_MANUAL: { label: 'Multi-shot, manual', detail: 'A prompt for each 6-second shot (2–20 shots)' },
};

function isArgs(arg: unknown): arg is GenerateVideoArgs {
  return typeof arg === 'object' && arg !== null && typeof (arg as GenerateVideoArgs).modelId === 'string' && typeof (arg as GenerateVideoArgs).request === 'object';
}

async function pickModel(deps: JobsDeps, fromArg: string | undefined): Promise<string | undefined> {
  if (fromArg) return fromArg;
  const models = deps.videoModels();
  if (!models.length) {
    void vscode.window.showErrorMessage('No video model (Nova Reel) is listed in this region. Pick a region that has one (Bedrock: Select Region), or refresh the model list.');
    return undefined;
  }
  if (models.length === 1) return models[0]!.id;
  const pick = await vscode.window.showQuickPick(
    models.map((d) => ({ label: d.name, description: d.id, detail: reelTasks(d.id).length > 1 ? 'Text to video and multi-shot (up to 2 minutes)' : 'Text to video (6 seconds)', id: d.id })),
    { title: 'Generate Video: model', ignoreFocusOut: true },
  );
  return pick?.id;
}

async function askPrompt(title: string, max: number): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({ title, prompt: `Describe the video (up to ${max} characters).`, ignoreFocusOut: true, validateInput: (v) => promptProblem(v, max) });
  return text?.trim() ? text : undefined;
}

async function askImage(): Promise<ReelImage | undefined | null> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'No image', detail: 'Start from the prompt alone', image: false },
      { label: 'Start from an image…', detail: 'A 1280×720 PNG or JPEG as the first frame', image: true },
    ],
    { title: 'Generate Video: first frame', ignoreFocusOut: true },
  );
  if (!pick) return null;
  if (!pick.image) return undefined;
  const [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Images: ['png', 'jpg', 'jpeg'] }, title: 'First frame (1280×720 PNG or JPEG)' })) ?? [];
  if (!file) return null;
  const bytes = await vscode.workspace.fs.readFile(file);
  const problem = imageProblem(bytes);
  if (problem) {
    void showErrorMessage(`${vscode.workspace.asRelativePath(file)}: ${problem}`);
    return null;
  }
  return { format: sniffImageFormat(bytes)!, bytes };
}

async function askRequest(modelId: string): Promise<ReelRequest | undefined> {
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
    const image = await askImage();
    if (image === null) return undefined;
    return { task, prompt, image };
  }
  if (task === 'MULTI_SHOT_AUTOMATED') {
    const prompt = await askPrompt('Generate Video: prompt for the whole video', REEL_LIMITS.automatedPromptChars);
    if (!prompt) return undefined;
    const seconds: string[] = [];
    for (let s = REEL_LIMITS.minSeconds; s <= REEL_LIMITS.maxSeconds; s += REEL_LIMITS.shotSeconds) seconds.push(String(s));
    const pick = await vscode.window.showQuickPick(seconds.map((s) => ({ label: `${s} seconds`, description: `${Number(s) / 6} shots`, s })), { title: 'Generate Video: length', ignoreFocusOut: true });
    if (!pick || durationProblem(Number(pick.s))) return undefined;
    return { task, prompt, durationSeconds: Number(pick.s) };
  }
  const shots: Array<{ prompt: string }> = [];
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
    shots.push({ prompt: text });
  }
  return { task, shots };
}

export async function generateVideo(deps: JobsDeps, arg?: unknown): Promise<string | undefined> {
  const given = isArgs(arg) ? arg : undefined;
  const modelId = given?.modelId ?? (await pickModel(deps, modelIdFromArgument(arg)));
  if (!modelId) return undefined;
  const request = given?.request ?? (await askRequest(modelId));
  if (!request) return undefined;
  let modelInput: Record<string, unknown>;
  try {
    modelInput = reelModelInput(modelId, request);
  } catch (e) {
    if (e instanceof ReelInputError) void showErrorMessage(`${e.message} Nothing was sent.`);
    else throw e;
    return undefined;
  }
  const s3OutputUri = given?.s3OutputUri ?? (await outputLocation());
  if (!s3OutputUri) return undefined;
  try {
    const started = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Starting a video job with ${modelId}…` }, () =>
      deps.router.async.start({ modelId, modelInput, s3OutputUri }),
    );
    deps.log.info(`Video job started: ${started.invocationArn} (${started.reason}), output under ${s3OutputUri}`);
    void deps.tracker.track(started.invocationArn);
    void deps.revealJobs();
    void showInformationMessage(`Video job started with ${modelId}. It runs in Bedrock (about 90 seconds for 6 seconds of video); the Jobs view says when it is done.`);
    return started.invocationArn;
  } catch (e) {
    deps.reportError('Could not start the video job', e);
    return undefined;
  }
}
