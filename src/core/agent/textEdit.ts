// Turns an edit the model proposes (old text → new text, or the whole file's new content) into one
// replacement on the file's current text. The old text must occur exactly once: zero or several
// matches come back as a message telling the model what to send instead.
import { ToolRefusal } from './defineTool';

export interface PlannedEdit {
  /** Offsets in the current text of what is replaced. */
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  /** The whole text after the edit. */
  readonly after: string;
  /** 1-based line range replaced in the current text, and the lines that take its place. */
  readonly fromLine: number;
  readonly toLine: number;
  readonly newLineCount: number;
}

export type EditRequest = { readonly oldText: string; readonly newText: string } | { readonly content: string };

/** The file's line ending: CRLF when its first line break is one. */
function eolOf(text: string): '\r\n' | '\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function withEol(text: string, eol: string): string {
  return eol === '\n' ? text.replace(/\r\n/g, '\n') : text.replace(/\r?\n/g, '\r\n');
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function countLines(text: string): number {
  if (!text) return 0;
  return text.split(/\r?\n/).length - (text.endsWith('\n') ? 1 : 0);
}

export function planEdit(current: string, request: EditRequest, name: string): PlannedEdit {
  const eol = eolOf(current);
  if ('content' in request) {
    const replacement = withEol(request.content, eol);
    return { start: 0, end: current.length, replacement, after: replacement, fromLine: 1, toLine: Math.max(1, countLines(current)), newLineCount: countLines(replacement) };
  }
  if (!request.oldText) throw new ToolRefusal(`oldText is empty; give the exact text to replace in ${name}, or the whole new content as "content".`);
  let oldText = request.oldText;
  let newText = request.newText;
  let first = current.indexOf(oldText);
  if (first < 0) {
    // The model usually writes "\n"; the file may use "\r\n" (or the other way round).
    oldText = withEol(request.oldText, eol);
    newText = withEol(request.newText, eol);
    first = current.indexOf(oldText);
  }
  if (first < 0) throw new ToolRefusal(`oldText was not found in ${name}. Read the file again and copy the text exactly, whitespace included (without the line numbers).`);
  const second = current.indexOf(oldText, first + 1);
  if (second >= 0) {
    throw new ToolRefusal(`oldText occurs more than once in ${name} (lines ${lineOf(current, first)} and ${lineOf(current, second)}); include more of the surrounding lines so it matches exactly one place.`);
  }
  const end = first + oldText.length;
  const fromLine = lineOf(current, first);
  return {
    start: first,
    end,
    replacement: newText,
    after: current.slice(0, first) + newText + current.slice(end),
    fromLine,
    toLine: fromLine + Math.max(0, countLines(oldText) - 1),
    newLineCount: countLines(newText),
  };
}

/** How the edit reads in a label or a result: "replace lines 3-5 with 4 lines". */
export function describePlannedEdit(edit: PlannedEdit): string {
  const lines = (n: number) => `${n} line${n === 1 ? '' : 's'}`;
  const range = edit.fromLine === edit.toLine ? `line ${edit.fromLine}` : `lines ${edit.fromLine}-${edit.toLine}`;
  return edit.start === edit.end ? `insert ${lines(edit.newLineCount)} at line ${edit.fromLine}` : `replace ${range} with ${lines(edit.newLineCount)}`;
}
