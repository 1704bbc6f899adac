// Small, real image and document bytes for the attachment tests: headers are what the size and
// format checks read, so a header with the wanted pixel size stands for an image of that size.

/** A valid 1 x 1 PNG. */
export const PNG_1X1 = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

/** A PNG header declaring `width` x `height`, padded to `bytes`. */
export function pngOfSize(width: number, height: number, bytes = 64): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(Math.max(bytes, 33));
  b.set(PNG_1X1.subarray(0, 33));
  const dv = new DataView(b.buffer);
  dv.setUint32(16, width);
  dv.setUint32(20, height);
  return b;
}

/** A baseline JPEG's start and its SOF0 frame header declaring `width` x `height`. */
export function jpegOfSize(width: number, height: number): Uint8Array<ArrayBuffer> {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

export const GIF_2X3 = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x02, 0x00, 0x03, 0x00, 0x80, 0x00, 0x00]);

/** A WebP (VP8X) header declaring 5 x 7. */
export const WEBP_5X7 = new Uint8Array([
  0x52, 0x49, 0x46, 0x46, 0x1e, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x58, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x06, 0x00, 0x00,
]);

/** The smallest well-formed PDF start, padded to `bytes`. */
export function pdfOf(bytes = 64): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(bytes).fill(0x20);
  b.set(new TextEncoder().encode('%PDF-1.4\n'));
  return b;
}

export const utf8 = (s: string) => new TextEncoder().encode(s);
