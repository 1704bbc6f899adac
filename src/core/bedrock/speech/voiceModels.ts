// What each speech-to-speech model takes, as data. Nova 2 Sonic takes typed turns mixed with speech
// (cross-modal input); Nova Sonic takes speech only.

const TYPED_TURN_MODELS: ReadonlySet<string> = new Set(['amazon.nova-2-sonic-v1:0']);

/** Whether the model (its base id, not a profile's) takes typed turns in a voice session. */
export function takesTypedTurns(baseModelId: string): boolean {
  return TYPED_TURN_MODELS.has(baseModelId);
}
