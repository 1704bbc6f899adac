// Decides whether a piece of editor text is worth sending at all. Empty, whitespace-only and binary
// text get a message instead of a request.

export type TextProblem = { kind: 'empty' | 'whitespace' | 'binary'; message: string };

export function checkSendableText(text: string): TextProblem | undefined {
  if (text.length === 0) return { kind: 'empty', message: 'Nothing is selected. Select some text first, then run the command again.' };
  if (text.trim().length === 0) {
    return { kind: 'whitespace', message: 'The selection is only whitespace. Select some text first, then run the command again.' };
  }
  if (looksBinary(text)) {
    return {
      kind: 'binary',
      message: 'The selection looks like binary data (control characters or invalid UTF-8), so it was not sent. Select text instead.',
    };
  }
  return undefined;
}

/** NUL, U+FFFD replacement characters or a high share of control characters mean "not text". */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) suspicious++;
  }
  return suspicious / sample.length > 0.05;
}

interface Position {
  line: number;
  character: number;
}

/**
 * The lines a selection covers, 0-based and inclusive. A selection that ends at the very start of
 * a later line (how a whole-line selection ends) does not cover that line.
 */
export function selectedLines(selection: { start: Position; end: Position }): { startLine: number; endLine: number } {
  const { start, end } = selection;
  return { startLine: start.line, endLine: end.character === 0 && end.line > start.line ? end.line - 1 : end.line };
}
