// Splits texts into chunks a model accepts, keeping exact character offsets. Cuts prefer a
// paragraph break, then a line break, then a sentence end, then a space, in the last third of the
// window; a text with no such boundary is cut hard. Chunks are contiguous (or overlap by the
// requested amount), so no character is lost.
import type { TextChunk } from './embedTypes';

const BOUNDARIES = [/\n\s*\n/g, /\n/g, /[.!?]\s/g, /\s/g];

function cutPoint(text: string, start: number, maxEnd: number): number {
  if (maxEnd >= text.length) return text.length;
  const window = text.slice(start, maxEnd);
  const floor = Math.floor(window.length * (2 / 3));
  for (const re of BOUNDARIES) {
    let best = -1;
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      const end = m.index + m[0].length;
      if (end >= floor && end < window.length) best = end;
    }
    if (best > 0) return start + best;
  }
  // Never split a surrogate pair.
  const code = text.charCodeAt(maxEnd - 1);
  return code >= 0xd800 && code <= 0xdbff ? maxEnd - 1 : maxEnd;
}

export function chunkText(text: string, textIndex: number, maxChars: number, overlapChars = 0): TextChunk[] {
  if (!text.trim()) return [];
  const chunks: TextChunk[] = [];
  const overlap = Math.max(0, Math.min(overlapChars, Math.floor(maxChars / 2)));
  let start = 0;
  while (start < text.length) {
    const end = cutPoint(text, start, Math.min(text.length, start + maxChars));
    chunks.push({ textIndex, start, end, text: text.slice(start, end) });
    if (end >= text.length) break;
    start = Math.max(end - overlap, start + 1);
  }
  return chunks;
}

export function chunkTexts(texts: readonly string[], maxChars: number, overlapChars = 0): TextChunk[] {
  return texts.flatMap((t, i) => chunkText(t, i, maxChars, overlapChars));
}

/** Groups chunks into calls of at most `maxBatch` texts, in order. */
export function batches<T>(items: readonly T[], maxBatch: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += maxBatch) out.push(items.slice(i, i + maxBatch));
  return out;
}
