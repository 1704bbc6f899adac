// The field a terminal command shows in while it waits for approval: the whole command, wrapped and
// growing with it (up to MAX_LINES, then it scrolls), so a long one is never cut at the edge of a
// narrow chat. Enter, with or without a modifier, adds no line (it did nothing in a one-line field
// and still does nothing). The terminal tool runs one line only, so a line break inside the command
// (the model's, or pasted) is shown, said under the field, and keeps Allow off until it is gone;
// leading and trailing ones are trimmed before the command runs, as the tool does.
import { el } from './dom';

/** The most lines the field grows to; a longer command scrolls inside it. */
export const MAX_LINES = 8;

export interface CommandField {
  /** The textarea. */
  readonly input: HTMLTextAreaElement;
  /** The field and its note, for the approval row. */
  readonly element: HTMLElement;
  /** The command as the field first showed it (line endings as a textarea reads them back). */
  readonly shown: string;
}

let notes = 0;

/** Whether `command` can run: something to run, on one line (once trimmed, as the tool trims it). */
export function isRunnable(command: string): boolean {
  const trimmed = command.trim();
  return trimmed.length > 0 && !/[\r\n]/.test(trimmed);
}

const ONE_LINE = 'A command runs as one line: join the steps with && (or remove the line break) to allow it.';

export function commandField(command: string): CommandField {
  const input = el('textarea', {
    class: 'tool-approval-command',
    rows: '1',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-label': 'Command to run (you can edit it before allowing it)',
    title: 'What runs is this command as you leave it',
  });
  input.value = command;
  const note = el('div', { class: 'tool-approval-command-note', id: `command-note-${++notes}` });
  const element = el('div', { class: 'tool-approval-command-field' }, input, note);

  const update = () => {
    const broken = /[\r\n]/.test(input.value.trim());
    note.hidden = !broken;
    note.textContent = broken ? ONE_LINE : '';
    if (broken) input.setAttribute('aria-describedby', note.id);
    else input.removeAttribute('aria-describedby');
    fit(input);
  };
  input.addEventListener('keydown', (e) => {
    // A line break typed into a command would run what comes before it at once.
    if (e.key === 'Enter' && !e.isComposing) e.preventDefault();
  });
  input.addEventListener('input', update);
  // The field rewraps when the chat's width changes (jsdom, where the unit tier runs this, has no ResizeObserver).
  if (typeof ResizeObserver === 'function') {
    let width = -1;
    new ResizeObserver(() => {
      if (input.clientWidth === width) return;
      width = input.clientWidth;
      fit(input);
    }).observe(input);
  }
  update();
  return { input, element, shown: input.value };
}

/** As tall as its wrapped content, up to MAX_LINES lines (the stylesheet's max-height); beyond that it scrolls. */
function fit(input: HTMLTextAreaElement): void {
  input.style.height = 'auto';
  const borders = input.offsetHeight - input.clientHeight;
  input.style.height = `${input.scrollHeight + Math.max(0, borders)}px`;
}
