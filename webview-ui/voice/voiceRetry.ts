// How a voice turn is sent again (Retry after an error, Regenerate a reply): as a voice turn, never
// as typed text. A recording or a WAV file is sent again by its hash (the clip the chat keeps); a
// typed voice turn sends the same words through the voice session; a microphone turn that recorded
// nothing opens the microphone again. When the model picked now is not a voice model, the turn goes
// to the voice model that answered it.
import type { ModelOption, PersistedTurn } from '../../src/shared/protocol';
import { readStoredAudio, type StoredAudio, type VoiceInput } from '../../src/shared/voiceProtocol';

/** How a user turn was spoken, and to which model. */
export interface SentVoice {
  input: VoiceInput;
  modelId?: string;
}

/** What a recording is called when it is sent again (a message about it names it so). */
const RECORDING = 'your recording';

/** The turn's recording arrived: sending it again sends that clip, not the microphone. A file keeps its name. */
export function withRecording(sent: SentVoice, audio: StoredAudio): SentVoice {
  return sent.input.source === 'file' ? sent : { ...sent, input: { source: 'file', audio, name: RECORDING } };
}

/** A stored user turn as it was spoken, from its clip and the reply after it; undefined for a typed (non-voice) turn. */
export function restoredVoice(user: PersistedTurn, reply: PersistedTurn | undefined): SentVoice | undefined {
  const modelId = typeof reply?.stats?.modelId === 'string' ? { modelId: reply.stats.modelId } : {};
  const audio = readStoredAudio(user.audio);
  if (audio) return { input: { source: 'file', audio, name: RECORDING }, ...modelId };
  if (reply?.stats?.api !== 'bidirectional') return undefined;
  return { input: user.text.trim() ? { source: 'text' } : { source: 'microphone' }, ...modelId };
}

/** What `chat/send` carries to redo the turn: its voice input, and its model when the picker holds a non-voice one. */
export function resendVoice(sent: SentVoice | undefined, picked: ModelOption | undefined): { voice: VoiceInput; modelId?: string } | undefined {
  if (!sent) return undefined;
  return { voice: sent.input, ...(!picked?.voice && sent.modelId ? { modelId: sent.modelId } : {}) };
}
