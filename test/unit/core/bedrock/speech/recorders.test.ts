import * as assert from 'node:assert/strict';
import { delimiter, join } from 'node:path';
import { findRecorder, NO_RECORDER_MESSAGE, pcmSamples } from '../../../../../src/core/bedrock/speech/recorders';

describe('microphone recorders', () => {
  it('prefers arecord, then sox, then ffmpeg, wherever they are on PATH', () => {
    const path = ['/opt/a', '/usr/bin'].join(delimiter);
    const have = (names: string[]) => (p: string) => names.includes(p);
    assert.equal(findRecorder(path, have([join('/usr/bin', 'sox'), join('/opt/a', 'ffmpeg')]), '')?.name, 'sox');
    assert.equal(findRecorder(path, have([join('/usr/bin', 'arecord'), join('/usr/bin', 'sox')]), '')?.command, join('/usr/bin', 'arecord'));
    assert.equal(findRecorder(path, have([join('/opt/a', 'ffmpeg')]), '')?.name, 'ffmpeg');
  });

  it('asks for 16 kHz mono 16-bit PCM on stdout, as an argument list', () => {
    const r = findRecorder('/bin', () => true, '')!;
    assert.ok(r.args.includes('16000'));
    assert.equal(r.args.at(-1), '-');
    assert.ok(r.args.every((a) => !/[;&|`$]/.test(a)), 'nothing a shell would interpret');
  });

  it('finds nothing on an empty PATH and says what to install', () => {
    assert.equal(findRecorder(undefined, () => true, ''), undefined);
    assert.match(NO_RECORDER_MESSAGE, /arecord.*sox.*ffmpeg.*WAV/);
  });

  it('reads raw little-endian samples', () => {
    assert.deepEqual([...pcmSamples(Buffer.from([0x01, 0x00, 0xff, 0xff, 0x7f]))], [1, -1]);
  });
});
