// "Bedrock: Generate Video…": Nova Reel text to video (with an optional first frame), multi-shot
// automated and multi-shot manual (each shot optionally from an image), with an optional seed.
// Asks for what the chosen model takes (videoQuestions.ts), checks it against the model's limits,
// starts the job and hands it to the Jobs view, which says when it is done.
import * as vscode from 'vscode';
import { ReelInputError, reelModelInput, reelTasks, type ReelRequest } from '../../core/bedrock/async/novaReel';
import { modelIdFromArgument } from '../../core/chat/modelOptions';
import { showErrorMessage, showInformationMessage } from '../notify';
import { outputLocation } from './outputLocation';
import { askVideoRequest } from './videoQuestions';
import type { JobsDeps } from './jobsDeps';

/** A request given by a caller (tests, other extensions): no questions asked. */
export interface GenerateVideoArgs {
  modelId: string;
  request: ReelRequest;
  s3OutputUri?: string;
}

function isArgs(arg: unknown): arg is GenerateVideoArgs {
  return typeof arg === 'object' && arg !== null && typeof (arg as GenerateVideoArgs).modelId === 'string' && typeof (arg as GenerateVideoArgs).request === 'object';
}

async function pickModel(deps: JobsDeps, fromArg: string | undefined): Promise<string | undefined> {
  if (fromArg) return fromArg;
  const models = await deps.videoModels();
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

export async function generateVideo(deps: JobsDeps, arg?: unknown): Promise<string | undefined> {
  const given = isArgs(arg) ? arg : undefined;
  const modelId = given?.modelId ?? (await pickModel(deps, modelIdFromArgument(arg)));
  if (!modelId) return undefined;
  const request = given?.request ?? (await askVideoRequest(modelId));
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
