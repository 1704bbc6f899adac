// Masks known secret values wherever they appear in text, in the encodings an error echo or a dump
// uses: raw, URL-encoded (once or twice, either hex case), JSON- or HTML-escaped, base64 / base64url
// (also when the secret sits inside a longer encoded string such as `Bearer <key>` or `id:secret`),
// and wrapped across lines. Pattern rules (redact.ts) cannot catch these: a secret echoed as
// base64 or cut by a line break has no recognisable shape, only its value. Matching is plain
// substring search over decoded views of the text, so it costs no regex compilation per secret.

export const REDACTED = '***';
/** Shorter values would shred ordinary text (and no AWS secret is this short). */
export const MIN_SECRET_LENGTH = 8;
/** Old credentials stay masked for a while after rotation: a late error may still echo them. */
const MAX_SECRETS = 16;

const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/**
 * Text with one layer of encoding undone, and where each of its characters came from: `starts[i]`
 * and `ends[i]` bound the source of character i. Undoes percent-encoding, JSON/JS escapes
 * (`\/`, `\u002F`, doubled backslashes), HTML character references, and removes line breaks with
 * the indentation or quoting margin after them (an echo that wraps).
 */
interface DecodedView {
  text: string;
  starts: number[];
  ends: number[];
}

const ESCAPE_AT = /%([0-9A-Fa-f]{2})|\\{1,3}u([0-9A-Fa-f]{4})|\\{1,3}([/"'+\\])|&#[xX]([0-9A-Fa-f]{1,6});|&#(\d{1,7});|(\\?\r?\n[ \t>|]*|\\{1,2}n[ \t]*)/y;

function decodeOnce(src: string): DecodedView {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === '%' || c === '\\' || c === '&' || c === '\n' || c === '\r') {
      ESCAPE_AT.lastIndex = i;
      const m = ESCAPE_AT.exec(src);
      if (m) {
        const end = i + m[0].length;
        const hex = m[1] ?? m[2] ?? m[4];
        const decoded = hex !== undefined ? String.fromCharCode(parseInt(hex, 16) & 0xffff) : m[3] ?? (m[5] !== undefined ? String.fromCharCode(Number(m[5]) & 0xffff) : '');
        if (decoded) {
          text += decoded;
          starts.push(i);
          ends.push(end);
        }
        i = end;
        continue;
      }
    }
    text += c;
    starts.push(i);
    ends.push(i + 1);
    i++;
  }
  return { text, starts, ends };
}

/** Decodes twice (double URL-encoding, JSON inside a JSON string), mapping back to the original. */
function decodedViews(src: string): DecodedView[] {
  const identity: DecodedView = { text: src, starts: [], ends: [] };
  if (!/[%\\&\n\r]/.test(src)) return [identity];
  const once = decodeOnce(src);
  const twice = decodeOnce(once.text);
  const composed: DecodedView = {
    text: twice.text,
    starts: twice.starts.map((s) => once.starts[s]!),
    ends: twice.ends.map((e) => once.ends[e - 1]!),
  };
  return [identity, once, composed];
}

function sourceRange(view: DecodedView, start: number, end: number): [number, number] {
  if (!view.starts.length) return [start, end];
  return [view.starts[start]!, view.ends[end - 1]!];
}

/**
 * The parts of base64(prefix + value + suffix) that depend on `value` alone, for the three
 * alignments of `value` within the encoded bytes: any base64 text that encodes the secret contains
 * one of them.
 */
export function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
    const total = offset + bytes.length;
    const start = offset === 0 ? 0 : offset + 1;
    const end = Math.floor(total / 3) * 4 + (total % 3);
    const core = encoded.slice(start, end);
    if (core.length >= MIN_SECRET_LENGTH) cores.push(core);
  }
  return cores;
}

/** Grows a match on a base64 core to the whole encoded run around it (and its padding). */
function expandBase64(text: string, start: number, end: number): [number, number] {
  const encodedAt = (i: number): number => {
    // Length of the encoded character ending just before i (left scan), or 0.
    if (i > 0 && BASE64_CHAR.test(text[i - 1]!)) return 1;
    if (i > 2 && /%[0-9A-Fa-f]{2}/.test(text.slice(i - 3, i))) return 3;
    if (i > 1 && text[i - 2] === '\\' && text[i - 1] === '/') return 2;
    return 0;
  };
  let s = start;
  for (let n = encodedAt(s); n > 0; n = encodedAt(s)) s -= n;
  const encodedFrom = (i: number): number => {
    if (i < text.length && (BASE64_CHAR.test(text[i]!) || text[i] === '=')) return 1;
    if (/^%[0-9A-Fa-f]{2}/.test(text.slice(i, i + 3))) return 3;
    if (text[i] === '\\' && text[i + 1] === '/') return 2;
    return 0;
  };
  let e = end;
  for (let n = encodedFrom(e); n > 0; n = encodedFrom(e)) e += n;
  return [s, e];
}

export class SecretRedactor {
  private readonly secrets: string[] = [];
  private compiled?: { plain: string[]; base64: string[] };

  /** Remembers secret values to mask; empty, missing and short values are ignored. */
  add(...values: Array<string | undefined | null>): void {
    for (const raw of values) {
      const v = raw?.trim();
      if (!v || v.length < MIN_SECRET_LENGTH) continue;
      const at = this.secrets.indexOf(v);
      if (at >= 0 && at === this.secrets.length - 1) continue;
      if (at >= 0) this.secrets.splice(at, 1);
      this.secrets.push(v);
      if (this.secrets.length > MAX_SECRETS) this.secrets.shift();
      this.compiled = undefined;
    }
  }

  /** Forgets every value (tests; a real session keeps old values masked). */
  clear(): void {
    this.secrets.length = 0;
    this.compiled = undefined;
  }

  get size(): number {
    return this.secrets.length;
  }

  private needles(): { plain: string[]; base64: string[] } {
    if (this.compiled) return this.compiled;
    const cores = this.secrets.flatMap(base64Cores);
    const urlSafe = cores.map((c) => c.replace(/\+/g, '-').replace(/\//g, '_'));
    this.compiled = { plain: [...this.secrets], base64: [...new Set([...cores, ...urlSafe])] };
    return this.compiled;
  }

  /** `text` with every known secret value, in any of the encodings above, replaced by `***`. */
  redact(text: string): string {
    if (!this.secrets.length || !text) return text;
    const { plain, base64 } = this.needles();
    const ranges: Array<[number, number]> = [];
    for (const view of decodedViews(text)) {
      for (const needle of plain) {
        for (let at = view.text.indexOf(needle); at >= 0; at = view.text.indexOf(needle, at + 1)) ranges.push(sourceRange(view, at, at + needle.length));
      }
      for (const needle of base64) {
        for (let at = view.text.indexOf(needle); at >= 0; at = view.text.indexOf(needle, at + 1)) {
          const [s, e] = sourceRange(view, at, at + needle.length);
          ranges.push(expandBase64(text, s, e));
        }
      }
    }
    if (!ranges.length) return text;
    ranges.sort((a, b) => a[0] - b[0]);
    let out = '';
    let pos = 0;
    for (const [s, e] of ranges) {
      if (e <= pos) continue;
      if (s >= pos) out += text.slice(pos, s) + REDACTED;
      pos = e;
    }
    return out + text.slice(pos);
  }
}
