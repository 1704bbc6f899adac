// The Voice field of the chat's settings panel, shown while a voice model is picked: the voices that
// model speaks with (name, language, gender), the chosen one selected. Choosing one saves it as the
// user's `bedrock.voice.voiceId` through the host, so every chat and the Settings editor agree; the
// host answers with `chat/defaults`, which is what the field then shows. A chosen voice the model
// lacks (a Nova 2 Sonic voice with Nova Sonic) is said under the field, as the turn will use Matthew.
import type { ModelOption } from '../../src/shared/protocol';
import { DEFAULT_VOICE_ID, describeVoice, sonicVoice } from '../../src/shared/sonicVoices';
import { el } from '../chat/dom';
import type { HostApi } from '../chat/vscodeApi';

export class VoiceChoice {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly note: HTMLElement;
  private voices: string[] = [];
  private chosen = DEFAULT_VOICE_ID;

  constructor(private readonly host: HostApi) {
    this.select = el('select', { id: 'voice-select', class: 'api-select', 'aria-describedby': 'voice-note' });
    this.note = el('span', { id: 'voice-note', class: 'field-note', 'aria-live': 'polite' });
    this.element = el(
      'div',
      { class: 'param-field param-field-wide voice-choice', title: 'The voice Nova Sonic answers with, in every chat (bedrock.voice.voiceId)' },
      el('label', { for: 'voice-select', class: 'field-label' }, 'Voice'),
      this.select,
      this.note,
    );
    this.element.hidden = true;
    this.select.addEventListener('change', () => {
      this.chosen = this.select.value;
      this.render();
      this.host.postMessage({ method: 'voice/setVoice', voiceId: this.select.value });
    });
  }

  /** The picked model: the field lists its voices, or hides for a model that has none. */
  setModel(model: ModelOption | undefined): void {
    const voices = Array.isArray(model?.voice?.voices) ? model.voice.voices : [];
    this.voices = voices.filter((id) => sonicVoice(id) !== undefined);
    this.element.hidden = this.voices.length === 0;
    this.select.replaceChildren(...this.voices.map((id) => el('option', { value: id }, describeVoice(sonicVoice(id)!))));
    this.render();
  }

  /** The voice in the settings (from the host). */
  setChosen(voiceId: unknown): void {
    if (typeof voiceId !== 'string' || !sonicVoice(voiceId)) return;
    this.chosen = voiceId;
    this.render();
  }

  private render(): void {
    const has = this.voices.includes(this.chosen);
    const speaks = has ? this.chosen : this.voices.includes(DEFAULT_VOICE_ID) ? DEFAULT_VOICE_ID : (this.voices[0] ?? '');
    this.select.value = speaks;
    const wanted = sonicVoice(this.chosen);
    const instead = sonicVoice(speaks)?.name ?? speaks;
    this.note.textContent = has || !wanted ? '' : `${wanted.name} is ${wanted.nova2Only ? 'a Nova 2 Sonic voice' : 'not one of this model’s voices'}: this model speaks as ${instead}.`;
  }
}
