// What each speech-to-speech model takes, as data. Nova 2 Sonic takes typed turns mixed with speech
// (cross-modal input); Nova Sonic takes speech only. Each speaks with its own set of voices.
import { DEFAULT_VOICE_ID, SONIC_VOICES } from '../../../shared/sonicVoices';

const TYPED_TURN_MODELS: ReadonlySet<string> = new Set(['amazon.nova-2-sonic-v1:0']);

const VOICES_OF: Readonly<Record<string, readonly string[]>> = {
  'amazon.nova-sonic-v1:0': SONIC_VOICES.filter((v) => !v.nova2Only).map((v) => v.id),
  'amazon.nova-2-sonic-v1:0': SONIC_VOICES.map((v) => v.id),
};

/** Whether the model (its base id, not a profile's) takes typed turns in a voice session. */
export function takesTypedTurns(baseModelId: string): boolean {
  return TYPED_TURN_MODELS.has(baseModelId);
}

/** The voices the model (its base id) speaks with; undefined for a speech model this table does not know. */
export function voicesOf(baseModelId: string): readonly string[] | undefined {
  return VOICES_OF[baseModelId];
}

export interface VoiceChoice {
  /** The voiceId to send. */
  voiceId: string;
  /** Set when the chosen voice was replaced: what happened and what to do. */
  replaced?: string;
}

/**
 * The voice a session speaks with: the one chosen in `bedrock.voice.voiceId` when the model has it.
 * A voice the model lacks (a Nova 2 Sonic voice with Nova Sonic) is never sent, since the service
 * would end the session over it: the model's default speaks instead, and `replaced` says so. A
 * model whose voices are not known gets the chosen voice as it is.
 */
export function chooseVoice(wanted: string, modelVoices: readonly string[] | undefined, modelName: string): VoiceChoice {
  if (!modelVoices || modelVoices.includes(wanted)) return { voiceId: wanted };
  const voiceId = modelVoices.includes(DEFAULT_VOICE_ID) ? DEFAULT_VOICE_ID : modelVoices[0] ?? DEFAULT_VOICE_ID;
  return {
    voiceId,
    replaced: `${modelName} has no voice "${wanted}" (bedrock.voice.voiceId), so it spoke as ${voiceId}. Choose one of its voices (${modelVoices.join(', ')}) or a model that has ${wanted}.`,
  };
}
