// WAV in and out for voice chat. Nova Sonic takes 16 kHz mono 16-bit little-endian PCM and answers
// in the rate it was asked for (24 kHz here); a user's recording can be any rate, channel count and
// sample format, so it is decoded to floats, mixed to mono and resampled before sending.

export interface DecodedAudio {
  sampleRate: number;
  channels: number;
  /** One array per channel, samples in [-1, 1]. */
  samples: Float32Array[];
}

export class WavFormatError extends Error {
  override name = 'WavFormatError';
}

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;

/** Decodes a RIFF/WAVE file: integer PCM of 8, 16, 24 or 32 bits, or 32/64-bit float, any channel count. */
export function parseWav(buf: Uint8Array): DecodedAudio {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tag = (at: number) => String.fromCharCode(buf[at], buf[at + 1], buf[at + 2], buf[at + 3]);
  if (buf.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavFormatError('not a WAV file (no RIFF/WAVE header)');
  let format: { code: number; channels: number; rate: number; bits: number } | undefined;
  let data: { at: number; size: number } | undefined;
  for (let at = 12; at + 8 <= buf.length; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length) throw new WavFormatError('the fmt chunk is cut short: the file is damaged or not a WAV file');
      let code = view.getUint16(body, true);
      if (code === EXTENSIBLE && size >= 26 && body + 26 <= buf.length) code = view.getUint16(body + 24, true);
      format = { code, channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      data = { at: body, size: Math.min(size, buf.length - body) };
      break;
    }
    at = body + size + (size % 2);
  }
  if (!format) throw new WavFormatError('no fmt chunk');
  if (!data) throw new WavFormatError('no data chunk');
  const { code, channels, rate, bits } = format;
  if (channels < 1 || rate < 1) throw new WavFormatError(`unusable format: ${channels} channels at ${rate} Hz`);
  const read = sampleReader(view, code, bits);
  const bytes = bits / 8;
  const frames = Math.floor(data.size / (bytes * channels));
  const samples = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) samples[c][f] = read(data.at + (f * channels + c) * bytes);
  }
  return { sampleRate: rate, channels, samples };
}

function sampleReader(view: DataView, code: number, bits: number): (at: number) => number {
  if (code === PCM) {
    if (bits === 8) return (at) => (view.getUint8(at) - 128) / 128;
    if (bits === 16) return (at) => view.getInt16(at, true) / 32768;
    if (bits === 24) return (at) => ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608);
    if (bits === 32) return (at) => view.getInt32(at, true) / 2147483648;
  }
  if (code === IEEE_FLOAT) {
    if (bits === 32) return (at) => view.getFloat32(at, true);
    if (bits === 64) return (at) => view.getFloat64(at, true);
  }
  throw new WavFormatError(`unsupported sample format (format ${code}, ${bits} bits): save it as 16-bit PCM`);
}

/** Mixes to mono and resamples to `rate`, as 16-bit PCM. Downsampling averages over each output sample's span first, so it does not alias. */
export function toMonoPcm16(audio: DecodedAudio, rate = 16_000): Int16Array {
  const frames = audio.samples[0]?.length ?? 0;
  const mono = new Float32Array(frames);
  for (const ch of audio.samples) for (let i = 0; i < frames; i++) mono[i] += ch[i] / audio.channels;
  const ratio = audio.sampleRate / rate;
  const outLength = Math.floor(frames / ratio);
  const out = new Int16Array(outLength);
  for (let i = 0; i < outLength; i++) {
    let v: number;
    if (ratio > 1) {
      // Box filter over the source samples this output sample stands for.
      const from = Math.floor(i * ratio);
      const to = Math.min(frames, Math.max(from + 1, Math.floor((i + 1) * ratio)));
      let sum = 0;
      for (let j = from; j < to; j++) sum += mono[j];
      v = sum / (to - from);
    } else {
      const pos = i * ratio;
      const j = Math.floor(pos);
      const t = pos - j;
      v = mono[j] * (1 - t) + (mono[Math.min(j + 1, frames - 1)] ?? 0) * t;
    }
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
  }
  return out;
}

/** A 16-bit mono PCM WAV file around `pcm` (little-endian samples). */
export function encodeWav(pcm: Uint8Array, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(PCM, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** Little-endian bytes of 16-bit samples. */
export function pcmBytes(samples: Int16Array): Buffer {
  const b = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) b.writeInt16LE(samples[i], i * 2);
  return b;
}
