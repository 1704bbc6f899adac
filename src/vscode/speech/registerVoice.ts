// "Bedrock: Voice Chat": one spoken turn with Nova Sonic. The user's audio comes from a WAV file
// (any rate or channels; resampled to 16 kHz mono), from the microphone through a system recorder
// found on PATH (arecord, sox or ffmpeg, run with an argument list), or a typed message; the reply
// streams into a tab beside the editor: what the model heard, its text, and its voice to play.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { BedrockError } from '../../core/bedrock/errors/classifiedError';
import { redact } from '../../core/bedrock/errors/redact';
import type { Router } from '../../core/bedrock/routing/router';
import { findRecorder, NO_RECORDER_MESSAGE, pcmSamples, type Recorder } from '../../core/bedrock/speech/recorders';
import { OUTPUT_RATE, type VoiceTurnRequest } from '../../core/bedrock/speech/voiceSession';
import { encodeWav, parseWav, toMonoPcm16, WavFormatError } from '../../core/bedrock/speech/wav';
import { modelIdFromArgument } from '../../core/chat/modelOptions';
import type { FeatureRegistration } from '../commands';
import { showErrorMessage, showWarningMessage } from '../notify';
import { VoicePanel } from './voicePanel';

/** Nova Sonic's own limit is about 8 minutes of session; a WAV longer than this is refused before sending. */
const MAX_INPUT_SECONDS = 7 * 60;

export interface VoiceDeps {
  router: Pick<Router, 'voice'>;
  /** The catalog's models; right after start-up it waits for the first listing rather than answer "none". */
  listedModels(): Promise<readonly ModelDescriptor[]>;
  log?: vscode.LogOutputChannel;
}

export interface VoiceRegistration extends FeatureRegistration<{ 'bedrock.voiceChat': (arg?: unknown, source?: unknown) => Promise<VoicePanel | undefined> }> {
  /** The last session's panel (tests read what it showed). */
  lastPanelForTests(): VoicePanel | undefined;
}

/** What a caller (a test, a future mic button) may pass instead of asking. */
export type VoiceSource = { kind: 'wav'; uri: vscode.Uri } | { kind: 'text'; text: string } | { kind: 'microphone' };

/** A source passed by a caller, checked field by field (commands can be run with any arguments). */
function asVoiceSource(v: unknown): VoiceSource | undefined {
  const s = v as { kind?: unknown; uri?: unknown; text?: unknown } | undefined;
  if (s?.kind === 'wav' && s.uri instanceof vscode.Uri) return { kind: 'wav', uri: s.uri };
  if (s?.kind === 'text' && typeof s.text === 'string' && s.text.trim()) return { kind: 'text', text: s.text };
  if (s?.kind === 'microphone') return { kind: 'microphone' };
  return undefined;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function registerVoice(deps: VoiceDeps): VoiceRegistration {
  let lastPanel: VoicePanel | undefined;

  async function pickModel(arg: unknown): Promise<ModelDescriptor | undefined> {
    const models = (await deps.listedModels()).filter((d) => d.apis.bidirectional?.supported);
    const asked = modelIdFromArgument(arg);
    if (asked) {
      const d = models.find((m) => m.id === asked);
      if (d) return d;
      void showWarningMessage(`${asked} does not take voice input. Voice chat needs a Nova Sonic model.`);
      return undefined;
    }
    if (!models.length) {
      void showWarningMessage('No Nova Sonic model is listed in this region. Voice chat needs Amazon Nova Sonic or Nova 2 Sonic: try us-east-1 (Bedrock: Select Region).');
      return undefined;
    }
    if (models.length === 1) return models[0];
    const picked = await vscode.window.showQuickPick(
      models.map((d) => ({ label: d.name, description: d.id, d })),
      { title: 'Voice chat: choose a model' },
    );
    return picked?.d;
  }

  async function pickSource(): Promise<VoiceSource | undefined> {
    const recorder = findRecorder(process.env.PATH, isExecutable);
    const items: Array<vscode.QuickPickItem & { source?: VoiceSource['kind'] }> = [
      { label: '$(file-media) Use a WAV file…', detail: 'Any sample rate or channel count; converted to 16 kHz mono', source: 'wav' },
      recorder
        ? { label: '$(mic) Record from the microphone', detail: `with ${recorder.name}; stop when you are done`, source: 'microphone' }
        : { label: '$(mic) Record from the microphone', detail: NO_RECORDER_MESSAGE },
      { label: '$(comment) Type a message', detail: 'The model answers in speech and text', source: 'text' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Voice chat: what do you want to say?' });
    if (!picked) return undefined;
    if (!picked.source) {
      void showWarningMessage(NO_RECORDER_MESSAGE);
      return undefined;
    }
    if (picked.source === 'microphone') return { kind: 'microphone' };
    if (picked.source === 'text') {
      const text = await vscode.window.showInputBox({ title: 'Voice chat', prompt: 'What should the model answer out loud?' });
      return text ? { kind: 'text', text } : undefined;
    }
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'WAV audio': ['wav'] }, openLabel: 'Send Audio' });
    return files?.[0] ? { kind: 'wav', uri: files[0] } : undefined;
  }

  async function audioFrom(source: VoiceSource): Promise<Pick<VoiceTurnRequest, 'audio' | 'text'> | undefined> {
    if (source.kind === 'text') return { text: source.text };
    if (source.kind === 'microphone') {
      const recorder = findRecorder(process.env.PATH, isExecutable);
      if (!recorder) {
        void showWarningMessage(NO_RECORDER_MESSAGE);
        return undefined;
      }
      return { audio: await record(recorder) };
    }
    try {
      const audio = toMonoPcm16(parseWav(await vscode.workspace.fs.readFile(source.uri)));
      if (audio.length / 16000 > MAX_INPUT_SECONDS) {
        void showWarningMessage(`${vscode.workspace.asRelativePath(source.uri)} is ${Math.round(audio.length / 16000)} s long; a voice turn takes at most ${MAX_INPUT_SECONDS / 60} minutes of audio.`);
        return undefined;
      }
      return { audio };
    } catch (err) {
      const why = err instanceof WavFormatError ? err.message : err instanceof Error ? err.message : String(err);
      void showErrorMessage(`Could not read ${vscode.workspace.asRelativePath(source.uri)}: ${why}.`);
      return undefined;
    }
  }

  /** Records until the user presses Stop in the notification (or the session limit), as 16 kHz mono PCM. */
  function record(recorder: Recorder): Promise<Int16Array | undefined> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Recording with ${recorder.name}… press Cancel to stop and send`, cancellable: true }, (_progress, token) =>
        new Promise<Int16Array | undefined>((resolve) => {
          const chunks: Buffer[] = [];
          let stderr = '';
          const child = spawn(recorder.command, recorder.args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
          const limit = setTimeout(() => child.kill('SIGINT'), MAX_INPUT_SECONDS * 1000);
          child.stdout.on('data', (b: Buffer) => chunks.push(b));
          child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
          token.onCancellationRequested(() => child.kill('SIGINT'));
          child.on('error', (err) => {
            clearTimeout(limit);
            void showErrorMessage(`${recorder.name} could not start: ${err.message}`);
            resolve(undefined);
          });
          child.on('close', () => {
            clearTimeout(limit);
            const samples = pcmSamples(Buffer.concat(chunks));
            if (!samples.length) {
              void showErrorMessage(`${recorder.name} recorded nothing${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}. Check the microphone, or choose a WAV file.`);
              resolve(undefined);
            } else resolve(samples);
          });
        }),
      ),
    );
  }

  async function voiceChat(arg?: unknown, given?: unknown): Promise<VoicePanel | undefined> {
    const model = await pickModel(arg);
    if (!model) return undefined;
    const source = asVoiceSource(given) ?? (await pickSource());
    if (!source) return undefined;
    const input = await audioFrom(source);
    if (!input) return undefined;
    const abort = new AbortController();
    const panel = new VoicePanel(`Voice chat · ${model.name}`, () => abort.abort(new Error('Stopped by the user')));
    lastPanel = panel;
    panel.post({ type: 'status', text: `Talking to ${model.name}…`, busy: true });
    const audio: Buffer[] = [];
    try {
      for await (const e of deps.router.voice({ modelId: model.id, ...input, signal: abort.signal, voiceId: 'matthew' })) {
        if (e.type === 'transcript') panel.post({ type: 'transcript', role: e.role, stage: e.stage, text: redact(e.text) });
        else if (e.type === 'audio') audio.push(e.pcm);
        else if (e.type === 'interrupted') panel.post({ type: 'status', text: 'The model stopped speaking (interrupted).', busy: true });
      }
      panel.post({ type: 'status', text: 'Done.', busy: false });
    } catch (err) {
      const c = err instanceof BedrockError ? err.classified : undefined;
      const stopped = c?.kind === 'cancelled';
      panel.post({ type: 'status', text: stopped ? `Stopped${audio.length ? '; what was said so far is kept.' : '.'}` : 'Failed.', busy: false });
      if (!stopped) {
        const message = redact(c?.message ?? (err instanceof Error ? err.message : String(err)));
        panel.post({ type: 'error', text: message });
        deps.log?.warn(`Voice chat failed: ${redact(c?.detail ?? message)}`);
      }
    }
    if (audio.length) {
      const pcm = Buffer.concat(audio);
      panel.post({ type: 'audio', dataUri: `data:audio/wav;base64,${encodeWav(pcm, OUTPUT_RATE).toString('base64')}`, seconds: pcm.length / 2 / OUTPUT_RATE });
    }
    return panel;
  }

  return {
    commands: { 'bedrock.voiceChat': voiceChat },
    disposables: [{ dispose: () => lastPanel?.dispose() }],
    lastPanelForTests: () => lastPanel,
  };
}

