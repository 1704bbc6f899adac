// Agent mode in the composer's toolbar: a toggle (the model may use tools: read and search the
// workspace, propose edits and commands that wait for approval) and, while it is on, the Tools
// button that opens the tool picker. Shown only for a model that takes tools.
import type { ModelOption } from '../../src/shared/protocol';
import { el } from './dom';
import { iconButton } from './icons';

const ON_TITLE = 'Agent mode is on: the model can read and search your workspace, and propose edits and commands that run only when you allow them. Click to turn it off.';
const OFF_TITLE = 'Agent mode is off. Turn it on to let the model use tools: read and search your workspace, and propose edits and commands that wait for your approval.';
// A voice session offers only the reading tools: say so rather than promise edits and commands.
const VOICE_ON_TITLE = 'Agent mode is on: while you talk, the model can read and search your workspace (edits and commands are for typed chats). Click to turn it off.';
const VOICE_OFF_TITLE = 'Agent mode is off. Turn it on to let the model read and search your workspace while you talk.';

export interface AgentControlsOptions {
  /** The user switched agent mode. */
  onChanged(on: boolean): void;
  /** The user asked for the tool picker. */
  onPickTools(): void;
}

export class AgentControls {
  readonly element: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly toolsButton: HTMLButtonElement;
  private on = false;
  private available = false;
  private voice = false;

  constructor(opts: AgentControlsOptions) {
    // The name stays "Agent mode"; aria-pressed says whether it is on.
    this.toggle = iconButton('agent', 'Agent mode', { id: 'agent-mode', class: 'icon-button agent-toggle', 'aria-pressed': 'false' });
    this.toolsButton = iconButton('tools', 'Choose the tools agent mode may use…', { id: 'agent-tools', class: 'icon-button agent-tools' });
    this.element = el('div', { class: 'agent-controls', role: 'group', 'aria-label': 'Agent' }, this.toggle, this.toolsButton);
    this.toggle.addEventListener('click', () => {
      this.set(!this.on);
      opts.onChanged(this.on);
    });
    this.toolsButton.addEventListener('click', () => opts.onPickTools());
    this.render();
  }

  /** On, and offered for the model in the picker: the next message goes as an agent turn. */
  get enabled(): boolean {
    return this.available && this.on;
  }

  /** The user's choice for this chat, whether or not the current model can honour it. */
  get chosen(): boolean {
    return this.on;
  }

  set(on: boolean): void {
    this.on = on;
    this.render();
  }

  /** Offered only for a model that takes tools; the choice is kept for when one is picked again. */
  setModel(model: ModelOption | undefined): void {
    this.available = !!model?.tools;
    this.voice = !!model?.voice;
    this.render();
  }

  private render(): void {
    this.element.hidden = !this.available;
    this.toggle.setAttribute('aria-pressed', String(this.on));
    this.toggle.title = this.voice ? (this.on ? VOICE_ON_TITLE : VOICE_OFF_TITLE) : this.on ? ON_TITLE : OFF_TITLE;
    this.toggle.classList.toggle('is-on', this.on);
    this.toolsButton.hidden = !this.on;
  }
}
