// AWS event-stream framing (application/vnd.amazon.eventstream). Only string
// headers (type 7) are produced because that is all Bedrock sends.
import { crc32 } from 'node:zlib';

export type FrameHeaders = ReadonlyArray<readonly [name: string, value: string]>;

const PADDING_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function encodeHeaders(headers: FrameHeaders): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of headers) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + n.length + 1 + 2);
    head.writeUInt8(n.length, 0);
    n.copy(head, 1);
    head.writeUInt8(7, 1 + n.length);
    head.writeUInt16BE(v.length, 2 + n.length);
    parts.push(head, v);
  }
  return Buffer.concat(parts);
}

/** One complete message: prelude, prelude CRC, headers, payload, message CRC. */
export function encodeMessage(headers: FrameHeaders, payload: Buffer | string): Buffer {
  const h = encodeHeaders(headers);
  const p = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const total = 16 + h.length + p.length;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(h.length, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  h.copy(out, 12);
  p.copy(out, 12 + h.length);
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

/** Real Bedrock pads event payloads with a `p` field of varying length (defeats length side channels). */
export function padding(length: number): string {
  let s = '';
  while (s.length < length) s += PADDING_ALPHABET;
  return s.slice(0, length);
}

/** An event frame whose payload is `payload` serialised as JSON, optionally with the `p` padding field. */
export function eventFrame(eventType: string, payload: object, pad?: number): Buffer {
  const body = pad === undefined ? payload : { ...payload, p: padding(pad) };
  return encodeMessage(
    [
      [':event-type', eventType],
      [':content-type', 'application/json'],
      [':message-type', 'event'],
    ],
    JSON.stringify(body),
  );
}

/** InvokeModelWithResponseStream `chunk` event: model-native JSON, base64-wrapped in `bytes`. */
export function chunkFrame(modelChunk: object | string, pad?: number): Buffer {
  const raw = typeof modelChunk === 'string' ? modelChunk : JSON.stringify(modelChunk);
  return eventFrame('chunk', { bytes: Buffer.from(raw, 'utf8').toString('base64') }, pad);
}

/** Modeled exception frame; `exceptionType` is the lowerCamel union member name. */
export function exceptionFrame(exceptionType: string, payload: object): Buffer {
  return encodeMessage(
    [
      [':exception-type', exceptionType],
      [':content-type', 'application/json'],
      [':message-type', 'exception'],
    ],
    JSON.stringify(payload),
  );
}

/** Flips a payload byte so the message CRC no longer matches (prelude stays valid). */
export function corruptCrc(frame: Buffer): Buffer {
  const copy = Buffer.from(frame);
  const i = copy.length - 5;
  copy[i] = copy[i]! ^ 0xff;
  return copy;
}

export interface DecodedMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

export class FrameDecodeError extends Error {
  override name = 'FrameDecodeError';
}

/** A header value: a string (type 7), bytes (type 6), a timestamp in ms (type 8), the rest as text or hex. */
export type HeaderValue = string | number | Buffer;

/**
 * The headers of one message, between `start` and `end` of `buf`. With `only: 'strings'`, any other
 * type is refused (the responses the emulator writes carry nothing else).
 */
export function readHeaders(buf: Buffer, start: number, end: number, only: 'strings' | 'any'): Record<string, HeaderValue> {
  const fixed: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };
  const headers: Record<string, HeaderValue> = {};
  let h = start;
  while (h < end) {
    const nlen = buf.readUInt8(h);
    const name = buf.toString('utf8', h + 1, h + 1 + nlen);
    const type = buf.readUInt8(h + 1 + nlen);
    let p = h + 2 + nlen;
    if (only === 'strings' && type !== 7) throw new FrameDecodeError(`unsupported header type ${type}`);
    if (type === 6 || type === 7) {
      const len = buf.readUInt16BE(p);
      const value = buf.subarray(p + 2, p + 2 + len);
      headers[name] = type === 7 ? value.toString('utf8') : Buffer.from(value);
      p += 2 + len;
    } else if (type in fixed) {
      headers[name] = type === 8 ? Number(buf.readBigInt64BE(p)) : type <= 1 ? String(type === 0) : buf.subarray(p, p + fixed[type]).toString('hex');
      p += fixed[type];
    } else throw new FrameDecodeError(`unknown header type ${type}`);
    h = p;
  }
  return headers;
}

/** Decoder used by the emulator's own tests and the bench; validates both CRCs. */
export function decodeMessages(buf: Buffer): DecodedMessage[] {
  const out: DecodedMessage[] = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < 16) throw new FrameDecodeError('truncated prelude');
    const total = buf.readUInt32BE(off);
    const hlen = buf.readUInt32BE(off + 4);
    if (off + total > buf.length) throw new FrameDecodeError('truncated message');
    if (crc32(buf.subarray(off, off + 8)) !== buf.readUInt32BE(off + 8)) throw new FrameDecodeError('prelude crc');
    if (crc32(buf.subarray(off, off + total - 4)) !== buf.readUInt32BE(off + total - 4))
      throw new FrameDecodeError('message crc');
    const hend = off + 12 + hlen;
    const headers = readHeaders(buf, off + 12, hend, 'strings') as Record<string, string>;
    out.push({ headers, payload: buf.subarray(hend, off + total - 4) });
    off += total;
  }
  return out;
}
