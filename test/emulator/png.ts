// A small PNG encoder and reader on node:zlib, so the emulator's image models answer with real
// images that decode: 8-bit RGB or RGBA, filter type 0 on every row, one IDAT chunk.
import { deflateSync, inflateSync } from 'node:zlib';
import { hash32, prng } from './random';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

/** `pixels` is row-major, 3 (RGB) or 4 (RGBA) bytes per pixel. */
export function encodePng(width: number, height: number, pixels: Uint8Array, alpha: boolean): Buffer {
  const channels = alpha ? 4 : 3;
  if (pixels.length !== width * height * channels) throw new Error(`expected ${width * height * channels} bytes of pixels, got ${pixels.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = alpha ? 6 : 2; // colour type: RGBA or RGB
  // compression, filter and interlace methods: all 0
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface DecodedPng {
  width: number;
  height: number;
  alpha: boolean;
  pixels: Uint8Array;
}

/** Reads what `encodePng` writes (8-bit RGB/RGBA, filter 0), checking every chunk's CRC. */
export function decodePng(png: Uint8Array): DecodedPng {
  const buf = Buffer.from(png);
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  let off = 8;
  let width = 0;
  let height = 0;
  let alpha = false;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (crc32(buf.subarray(off + 4, off + 8 + len)) !== buf.readUInt32BE(off + 8 + len)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || (data[9] !== 2 && data[9] !== 6)) throw new Error('only 8-bit RGB/RGBA is read here');
      alpha = data[9] === 6;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const channels = alpha ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error('only filter type 0 is read here');
    pixels.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, alpha, pixels };
}

/** Width and height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(SIGNATURE)) return undefined;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/**
 * A picture that is a pure function of `key`: a diagonal two-colour gradient with a disc, so
 * different seeds look different in a gallery. With `cutout`, everything outside the disc is
 * transparent (background removal).
 */
export function generatedPicture(key: string, width: number, height: number, cutout = false): Buffer {
  const rand = prng(hash32(key));
  const c1 = [rand() * 255, rand() * 255, rand() * 255];
  const c2 = [rand() * 255, rand() * 255, rand() * 255];
  const disc = [255 - c1[0]!, 255 - c1[1]!, 255 - c1[2]!];
  const cx = width * (0.3 + rand() * 0.4);
  const cy = height * (0.3 + rand() * 0.4);
  const r = Math.min(width, height) * (0.2 + rand() * 0.15);
  const channels = cutout ? 4 : 3;
  const px = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / Math.max(1, width - 1) + y / Math.max(1, height - 1)) / 2;
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
      const i = (y * width + x) * channels;
      for (let k = 0; k < 3; k++) px[i + k] = Math.round(inDisc ? disc[k]! : c1[k]! * (1 - t) + c2[k]! * t);
      if (cutout) px[i + 3] = inDisc ? 255 : 0;
    }
  }
  return encodePng(width, height, px, cutout);
}
