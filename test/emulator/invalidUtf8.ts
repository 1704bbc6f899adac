// The `invalidUtf8` fault: every `é` (C3 A9) the reply carries goes out as FF FE, two bytes that
// are never valid UTF-8. Plain bodies and SSE are rewritten in place (same length); an AWS event
// frame gets its payload rewritten (inside the base64 `bytes` of an InvokeModel chunk) and its
// lengths and checksums recomputed, so only the text is broken, not the framing.
import { crc32 } from 'node:zlib';

const MARK = Buffer.from('é', 'utf8');
const BAD = Buffer.from([0xff, 0xfe]);

export function breakUtf8(buf: Buffer): Buffer {
  let i = buf.indexOf(MARK);
  if (i < 0) return buf;
  const out = Buffer.from(buf);
  while (i >= 0) {
    BAD.copy(out, i);
    i = out.indexOf(MARK, i + MARK.length);
  }
  return out;
}

/** The same for one AWS event-stream frame. */
export function breakUtf8InFrame(frame: Buffer): Buffer {
  const total = frame.readUInt32BE(0);
  const headersLength = frame.readUInt32BE(4);
  const payload = frame.subarray(12 + headersLength, total - 4);
  let broken = breakUtf8(payload);
  try {
    const j = JSON.parse(payload.toString('utf8')) as { bytes?: string };
    if (typeof j.bytes === 'string') broken = Buffer.from(JSON.stringify({ ...j, bytes: breakUtf8(Buffer.from(j.bytes, 'base64')).toString('base64') }), 'utf8');
  } catch {
    // Not JSON: the in-place rewrite stands.
  }
  if (broken === payload) return frame;
  const length = 12 + headersLength + broken.length + 4;
  const out = Buffer.alloc(length);
  out.writeUInt32BE(length, 0);
  out.writeUInt32BE(headersLength, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  frame.copy(out, 12, 12, 12 + headersLength);
  broken.copy(out, 12 + headersLength);
  out.writeUInt32BE(crc32(out.subarray(0, length - 4)), length - 4);
  return out;
}
