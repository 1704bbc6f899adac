// Deterministic embeddings: a sum of per-word pseudo-random directions. Identical texts give identical
// vectors, and texts sharing words point in closer directions than unrelated texts.
import { hash32, prng } from './random';

function wordVector(word: string, dim: number, seed: number): Float64Array {
  const rand = prng(hash32(`${seed}|${word}`));
  const v = new Float64Array(dim);
  for (let i = 0; i < dim; i++) v[i] = rand() * 2 - 1;
  return v;
}

export function embed(text: string, dim: number, normalize: boolean, seed = 0): number[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [''];
  const acc = new Float64Array(dim);
  for (const w of words) {
    const v = wordVector(w, dim, seed);
    for (let i = 0; i < dim; i++) acc[i]! += v[i]!;
  }
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += acc[i]! * acc[i]!;
  norm = Math.sqrt(norm) || 1;
  // Unnormalized vectors keep a plausible magnitude rather than growing with text length.
  const scale = normalize ? 1 / norm : 10 / Math.sqrt(words.length * dim);
  return Array.from(acc, (x) => Math.round(x * scale * 1e7) / 1e7);
}

export function toInt8(v: number[]): number[] {
  const max = Math.max(...v.map(Math.abs)) || 1;
  return v.map((x) => Math.round((x / max) * 127));
}

export function toUint8(v: number[]): number[] {
  return toInt8(v).map((x) => x + 128);
}

/** Packed sign bits, as Cohere's `binary` (signed) and `ubinary` types. */
export function toBinary(v: number[], signed: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.length; i += 8) {
    let byte = 0;
    for (let b = 0; b < 8; b++) if ((v[i + b] ?? -1) > 0) byte |= 1 << (7 - b);
    out.push(signed ? byte - 128 : byte);
  }
  return out;
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb) || 1);
}
