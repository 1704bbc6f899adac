import * as assert from 'node:assert/strict';
import { encodeWav, parseWav, pcmBytes, toMonoPcm16, WavFormatError } from '../../../../../src/core/bedrock/speech/wav';

/** A WAV file written by hand, so the parser is checked against the format, not against itself. */
function wavFile(opts: { rate: number; channels: number; bits: number; float?: boolean; frames: (i: number, c: number) => number }, frames: number): Buffer {
  const bytes = opts.bits / 8;
  const data = Buffer.alloc(frames * opts.channels * bytes);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < opts.channels; c++) {
      const v = opts.frames(i, c);
      const at = (i * opts.channels + c) * bytes;
      if (opts.float) data.writeFloatLE(v, at);
      else if (opts.bits === 8) data.writeUInt8(Math.round(v * 127 + 128), at);
      else if (opts.bits === 16) data.writeInt16LE(Math.round(v * 32767), at);
      else if (opts.bits === 24) data.writeIntLE(Math.round(v * 8388607), at, 3);
      else data.writeInt32LE(Math.round(v * 2147483647), at);
    }
  }
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(opts.float ? 3 : 1, 8);
  fmt.writeUInt16LE(opts.channels, 10);
  fmt.writeUInt32LE(opts.rate, 12);
  fmt.writeUInt32LE(opts.rate * opts.channels * bytes, 16);
  fmt.writeUInt16LE(opts.channels * bytes, 20);
  fmt.writeUInt16LE(opts.bits, 22);
  const list = Buffer.from('LIST\x04\x00\x00\x00INFO', 'latin1'); // an unrelated chunk before the data
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0, 'ascii');
  dataHead.writeUInt32LE(data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE'), fmt, list, dataHead, data]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

const sine = (rate: number, hz: number) => (i: number) => Math.sin((2 * Math.PI * hz * i) / rate) * 0.5;

function zeroCrossings(pcm: Int16Array): number {
  let n = 0;
  for (let i = 1; i < pcm.length; i++) if ((pcm[i - 1] < 0) !== (pcm[i] < 0)) n++;
  return n;
}

describe('WAV decoding and resampling for voice chat', () => {
  for (const [bits, float] of [[8, false], [16, false], [24, false], [32, false], [32, true]] as const) {
    it(`reads ${bits}-bit ${float ? 'float' : 'integer'} samples`, () => {
      const audio = parseWav(wavFile({ rate: 8000, channels: 1, bits, float, frames: sine(8000, 100) }, 800));
      assert.equal(audio.sampleRate, 8000);
      assert.equal(audio.samples[0].length, 800);
      assert.ok(Math.abs(audio.samples[0][20] - sine(8000, 100)(20)) < 0.01);
    });
  }

  it('mixes channels to mono', () => {
    const audio = parseWav(wavFile({ rate: 16000, channels: 2, bits: 16, frames: (_i, c) => (c === 0 ? 0.5 : -0.5) }, 100));
    assert.equal(audio.channels, 2);
    assert.ok(toMonoPcm16(audio).every((v) => Math.abs(v) <= 1), 'opposite channels cancel');
  });

  it('resamples 44.1 kHz stereo to 16 kHz mono keeping the pitch and the length', () => {
    const audio = parseWav(wavFile({ rate: 44100, channels: 2, bits: 16, frames: sine(44100, 440) }, 44100));
    const pcm = toMonoPcm16(audio, 16000);
    assert.equal(pcm.length, 16000);
    const hz = zeroCrossings(pcm) / 2;
    assert.ok(Math.abs(hz - 440) <= 2, `pitch kept: ${hz} Hz`);
  });

  it('upsamples 8 kHz to 16 kHz', () => {
    const pcm = toMonoPcm16(parseWav(wavFile({ rate: 8000, channels: 1, bits: 16, frames: sine(8000, 200) }, 8000)), 16000);
    assert.equal(pcm.length, 16000);
    assert.ok(Math.abs(zeroCrossings(pcm) / 2 - 200) <= 2);
  });

  it('writes a 16-bit mono WAV that reads back', () => {
    const samples = Int16Array.from({ length: 2400 }, (_, i) => Math.round(Math.sin(i / 10) * 10000));
    const back = parseWav(encodeWav(pcmBytes(samples), 24000));
    assert.equal(back.sampleRate, 24000);
    assert.equal(back.channels, 1);
    assert.deepEqual(toMonoPcm16(back, 24000), samples);
  });

  it('says what is wrong with a file it cannot read', () => {
    assert.throws(() => parseWav(Buffer.from('ID3 not a wav at all')), WavFormatError);
    assert.throws(() => parseWav(wavFile({ rate: 8000, channels: 1, bits: 16, frames: () => 0 }, 10).subarray(0, 30)), /cut short|no data chunk/);
    const alaw = wavFile({ rate: 8000, channels: 1, bits: 8, frames: () => 0 }, 10);
    alaw.writeUInt16LE(6, 20);
    assert.throws(() => parseWav(alaw), /unsupported sample format.*16-bit PCM/);
  });
});
