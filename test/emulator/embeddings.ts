// Deterministic embeddings: a sum of per-word pseudo-random directions. Identical texts give identical
// vectors, and texts sharing words point in closer directions than unrelated texts.
import { hash32, prng } from './random';

// Each word is a sparse pseudo-random direction (a few ±1 entries): texts sharing words still point
// closer together, and a long text costs a few operations per word instead of `dim` — the
// emulator must not become the bottleneck when a benchmark sends many 25 KB texts at once.
const NONZERO_PER_WORD = 24;
const WORD_CACHE_LIMIT = 50_000;
const wordCache = new Map<string, Int32Array>();

/** Pairs of (index, sign) packed as index * 2 + (sign > 0 ? 1 : 0). */
function wordEntries(word: string, dim: number, seed: number): Int32Array {
  const key = `${seed}|${dim}|${word}`;
  const hit = wordCache.get(key);
  if (hit) return hit;
  const rand = prng(hash32(`${seed}|${word}`));
  const entries = new Int32Array(NONZERO_PER_WORD);
  for (let i = 0; i < NONZERO_PER_WORD; i++) entries[i] = Math.floor(rand() * dim) * 2 + (rand() < 0.5 ? 0 : 1);
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(key, entries);
  return entries;
}

// The same texts come back often (a benchmark's rounds, a re-run Embed Selection): their vectors are
// kept, so the emulator's single thread answers concurrent requests in about the time real Bedrock
// would, whose latency does not grow with how many requests a client has in flight.
const VECTOR_CACHE_LIMIT = 512;
const vectorCache = new Map<string, number[]>();

export function embed(text: string, dim: number, normalize: boolean, seed = 0): number[] {
  const key = `${seed}|${dim}|${normalize}|${text}`;
  const hit = vectorCache.get(key);
  if (hit) return hit.slice();
  const vector = computeEmbedding(text, dim, normalize, seed);
  if (vectorCache.size >= VECTOR_CACHE_LIMIT) vectorCache.delete(vectorCache.keys().next().value!);
  vectorCache.set(key, vector);
  return vector.slice();
}

function computeEmbedding(text: string, dim: number, normalize: boolean, seed: number): number[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [''];
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const acc = new Float64Array(dim);
  // A tiny dense component keeps every coordinate non-zero, like real embeddings.
  const base = prng(hash32(`${seed}|base|${dim}`));
  for (let i = 0; i < dim; i++) acc[i] = (base() * 2 - 1) * 0.01;
  for (const [w, n] of counts) {
    for (const e of wordEntries(w, dim, seed)) acc[e >> 1]! += e & 1 ? n : -n;
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
