// Small helpers the built-in tools share: reading a model's input (hostile: any JSON at all),
// numbering lines so the model can cite and edit them, and keeping a result under its byte cap
// with the cut said out loud.

/** A malformed input: the tool answers with this message as an error result, never throws it on. */
export class ToolInputError extends Error {}

/** The input as an object (models sometimes send a JSON string of it). */
export function inputObject(input: unknown): Record<string, unknown> {
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input) as unknown;
    } catch {
      throw new ToolInputError('The input must be a JSON object with the fields the tool declares.');
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ToolInputError('The input must be a JSON object with the fields the tool declares.');
  return input as Record<string, unknown>;
}

export function requiredString(o: Record<string, unknown>, field: string, example: string): string {
  const v = o[field];
  if (typeof v !== 'string' || !v.trim()) throw new ToolInputError(`"${field}" must be a non-empty string, e.g. ${JSON.stringify(example)}; got ${show(v)}.`);
  return v;
}

export function optionalString(o: Record<string, unknown>, field: string): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ToolInputError(`"${field}" must be a string when given; got ${show(v)}.`);
  return v;
}

export function optionalBoolean(o: Record<string, unknown>, field: string): boolean | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ToolInputError(`"${field}" must be true or false when given; got ${show(v)}.`);
  return v;
}

/** A whole number in [min, max], or undefined when not given. */
export function optionalInteger(o: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new ToolInputError(`"${field}" must be a whole number from ${min} to ${max}; got ${show(v)}.`);
  return n;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Lines prefixed with their 1-based numbers (`  12 | text`), numbers right-aligned. */
export function numberLines(lines: readonly string[], firstLine: number): string {
  const width = String(firstLine + lines.length - 1).length;
  return lines.map((line, i) => `${String(firstLine + i).padStart(width)} | ${line}`).join('\n');
}

const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, at a line end when one is near, never inside a
 * character; `truncated` says whether anything was cut.
 */
export function capBytes(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = encoder.encode(text);
  if (bytes.byteLength <= maxBytes) return { text, truncated: false };
  let end = Math.max(0, maxBytes);
  // Back off continuation bytes (10xxxxxx) so the cut never splits a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  let kept = new TextDecoder().decode(bytes.subarray(0, end));
  const lastBreak = kept.lastIndexOf('\n');
  if (lastBreak > kept.length * 0.8) kept = kept.slice(0, lastBreak);
  return { text: kept, truncated: true };
}

/**
 * A result under `maxBytes` with a closing line saying it was cut and how to get the rest; the
 * note's own bytes are kept within the cap.
 */
export function capResult(text: string, maxBytes: number, howToGetMore: string): { text: string; truncated: boolean } {
  if (byteLength(text) <= maxBytes) return { text, truncated: false };
  const note = `\n[truncated: the result is longer than ${maxBytes} bytes. ${howToGetMore}]`;
  const body = capBytes(text, Math.max(0, maxBytes - byteLength(note)));
  return { text: body.text + note, truncated: true };
}

/** Whether these bytes look like a binary file (a NUL in the first 8 KB, as git decides). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.byteLength, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
