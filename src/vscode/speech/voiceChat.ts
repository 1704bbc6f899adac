// The chat's voice turns in VS Code: the microphone (a recorder found on PATH, run with an argument
// list), "Send WAV file…" (any rate, channels or sample format, converted to 16 kHz mono and kept in
// the content store), and stored clips read back for the webview.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Router } from '../../core/bedrock/routing/router';
import { findRecorder, NO_RECORDER_MESSAGE, startRecording } from '../../core/bedrock/speech/recorders';
import { INPUT_RATE } from '../../core/bedrock/speech/voiceSession';
import { encodeWav, parseWav, pcmBytes, toMonoPcm16, WavFormatError } from '../../core/bedrock/speech/wav';
import { wavDataUri, type ClipStore, type VoiceChatDeps } from '../../core/chat/voiceTurn';
import { onDidChangeSettings, readSetting, updateSetting } from '../settings';
import type { VoiceDataMessage, VoiceEndInputMessage, VoiceLoadMessage, VoicePickedMessage, VoicePickFileMessage, VoiceSetVoiceMessage } from '../../shared/voiceProtocol';

/** A voice session lasts at most 8 minutes; a WAV longer than this is refused before sending. */
const MAX_INPUT_SECONDS = 7 * 60;

/** What the chat host needs for voice turns. */
export interface VoiceHostDeps extends VoiceChatDeps {
  /** "Send WAV file…": asks for a file and keeps it, ready to send. */
  pickFile(): Promise<VoicePickedMessage>;
  /** Saves the voice chosen in the chat as `bedrock.voice.voiceId` (user settings). */
  saveVoiceId(voiceId: string): Promise<unknown>;
  /** The voice setting changed (here, in another chat, or in the Settings editor). */
  onDidChangeVoiceId(listener: () => void): vscode.Disposable;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function voiceHostDeps(router: Pick<Router, 'voice'>, clips: ClipStore): VoiceHostDeps {
  return {
    voice: (request) => router.voice(request),
    clips,
    voiceId: () => readSetting('voiceId'),
    saveVoiceId: (voiceId) => updateSetting('voiceId', voiceId, 'the voice (bedrock.voice.voiceId)'),
    onDidChangeVoiceId: (listener) => onDidChangeSettings(['voiceId'], listener),
    openMicrophone: () => {
      const recorder = findRecorder(process.env.PATH, isExecutable);
      return recorder ? startRecording(recorder, spawn) : NO_RECORDER_MESSAGE;
    },
    pickFile: async () => {
      const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'WAV audio': ['wav'] }, openLabel: 'Send to the Model', title: 'Voice chat: a WAV file to say' });
      const uri = files?.[0];
      if (!uri) return { method: 'voice/picked' };
      const name = basename(uri.path);
      try {
        const samples = toMonoPcm16(parseWav(await vscode.workspace.fs.readFile(uri)), INPUT_RATE);
        const seconds = samples.length / INPUT_RATE;
        if (seconds > MAX_INPUT_SECONDS) return { method: 'voice/picked', problem: `${name} is ${Math.round(seconds)} s long; a voice turn takes at most ${MAX_INPUT_SECONDS / 60} minutes of audio. Trim it and send it again.` };
        if (!samples.length) return { method: 'voice/picked', problem: `${name} holds no audio.` };
        const sha256 = await clips.put(encodeWav(pcmBytes(samples), INPUT_RATE));
        return { method: 'voice/picked', audio: { sha256, seconds: Math.round(seconds * 1000) / 1000 }, name };
      } catch (err) {
        const why = err instanceof WavFormatError || err instanceof Error ? err.message : String(err);
        return { method: 'voice/picked', problem: `Could not read ${name}: ${why}.` };
      }
    },
  };
}

/** The chat host's voice messages: pick a file, end the microphone's input, load a stored clip, choose the voice. */
export async function runVoiceMessage(
  msg: VoicePickFileMessage | VoiceEndInputMessage | VoiceLoadMessage | VoiceSetVoiceMessage,
  voice: VoiceHostDeps | undefined,
  turns: { endVoiceInput(requestId: string): void },
  post: (m: VoicePickedMessage | VoiceDataMessage) => void,
): Promise<void> {
  if (msg.method === 'voice/endInput') return turns.endVoiceInput(msg.requestId);
  if (msg.method === 'voice/setVoice') {
    await voice?.saveVoiceId(msg.voiceId);
    return;
  }
  if (msg.method === 'voice/pickFile') {
    post(voice ? await voice.pickFile() : { method: 'voice/picked', problem: 'Voice turns are not available in this chat.' });
    return;
  }
  try {
    if (!voice) throw new Error('voice turns are not available in this chat');
    post({ method: 'voice/data', sha256: msg.sha256, src: wavDataUri(await voice.clips.get(msg.sha256)) });
  } catch (e) {
    post({ method: 'voice/data', sha256: msg.sha256, problem: `The recording cannot be played: ${e instanceof Error ? e.message : String(e)}.` });
  }
}
