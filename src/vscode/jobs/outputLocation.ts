// Where async jobs write: `bedrock.async.s3OutputUri`, or asked once — and offered to be saved, so
// the question does not come back. An answer not saved is remembered until the window reloads.
import * as vscode from 'vscode';
import { s3UriProblem } from '../../core/bedrock/async/s3Uri';
import { showInformationMessage } from '../notify';
import { readSetting, updateSetting } from '../settings';

let askedThisSession: string | undefined;

export async function outputLocation(): Promise<string | undefined> {
  const configured = readSetting('asyncS3OutputUri');
  if (configured) return configured;
  if (askedThisSession) return askedThisSession;
  const value = await vscode.window.showInputBox({
    title: 'Where should Bedrock write job outputs?',
    prompt: 'An S3 location you can write to, e.g. s3://my-bucket/bedrock-jobs. Each job writes under <prefix>/<invocation id>/.',
    placeHolder: 's3://bucket/prefix',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const problem = v.trim() ? s3UriProblem(v.trim()) : undefined;
      return problem ? `This ${problem}.` : undefined;
    },
  });
  const uri = value?.trim();
  if (!uri) return undefined;
  askedThisSession = uri;
  void showInformationMessage(`Save ${uri} as the output location for async jobs (bedrock.async.s3OutputUri)?`, 'Save', 'Not Now').then(async (pick) => {
    if (pick === 'Save') await updateSetting('asyncS3OutputUri', uri, 'the S3 output location');
  });
  return uri;
}
