// The voices Nova Sonic and Nova 2 Sonic speak with (`voiceId` in promptStart), as AWS documents
// them: Nova Sonic has eleven, Nova 2 Sonic those and six more, and every Nova 2 Sonic voice is
// polyglot (it speaks each language the model supports). One table for the setting's choices, the
// model's list in the chat and the labels the webview shows.

export interface SonicVoice {
  /** The `voiceId` sent in promptStart. */
  id: string;
  /** As the picker shows it. */
  name: string;
  /** The language it was made for. */
  language: string;
  gender: 'feminine' | 'masculine';
  /** Only Nova 2 Sonic speaks with it. */
  nova2Only?: true;
}

export const SONIC_VOICES: readonly SonicVoice[] = [
  { id: 'tiffany', name: 'Tiffany', language: 'English (US)', gender: 'feminine' },
  { id: 'matthew', name: 'Matthew', language: 'English (US)', gender: 'masculine' },
  { id: 'amy', name: 'Amy', language: 'English (UK)', gender: 'feminine' },
  { id: 'ambre', name: 'Ambre', language: 'French', gender: 'feminine' },
  { id: 'florian', name: 'Florian', language: 'French', gender: 'masculine' },
  { id: 'beatrice', name: 'Beatrice', language: 'Italian', gender: 'feminine' },
  { id: 'lorenzo', name: 'Lorenzo', language: 'Italian', gender: 'masculine' },
  { id: 'greta', name: 'Greta', language: 'German', gender: 'feminine' },
  { id: 'lennart', name: 'Lennart', language: 'German', gender: 'masculine' },
  { id: 'lupe', name: 'Lupe', language: 'Spanish', gender: 'feminine' },
  { id: 'carlos', name: 'Carlos', language: 'Spanish', gender: 'masculine' },
  { id: 'olivia', name: 'Olivia', language: 'English (Australia)', gender: 'feminine', nova2Only: true },
  { id: 'kiara', name: 'Kiara', language: 'English (India) and Hindi', gender: 'feminine', nova2Only: true },
  { id: 'arjun', name: 'Arjun', language: 'English (India) and Hindi', gender: 'masculine', nova2Only: true },
  { id: 'tina', name: 'Tina', language: 'German', gender: 'feminine', nova2Only: true },
  { id: 'carolina', name: 'Carolina', language: 'Portuguese (Brazil)', gender: 'feminine', nova2Only: true },
  { id: 'leo', name: 'Leo', language: 'Portuguese (Brazil)', gender: 'masculine', nova2Only: true },
];

/** The voice used when none is chosen, and in place of a voice the model does not have. */
export const DEFAULT_VOICE_ID = 'matthew';

export const SONIC_VOICE_IDS: readonly string[] = SONIC_VOICES.map((v) => v.id);

export function sonicVoice(id: string): SonicVoice | undefined {
  return SONIC_VOICES.find((v) => v.id === id);
}

/** "Amy — English (UK), feminine" (plus "Nova 2 Sonic only" where that holds). */
export function describeVoice(v: SonicVoice): string {
  return `${v.name} — ${v.language}, ${v.gender}${v.nova2Only ? ' (Nova 2 Sonic only)' : ''}`;
}
