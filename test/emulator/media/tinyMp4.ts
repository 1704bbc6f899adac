// The MP4 the emulator's Nova Reel jobs write to S3: one H.264 video track (see h264.ts), moov first
// so a player can start before the whole file is read. Same prompt and seed, same bytes.
import { keyFrame, pictureParameterSet, repeatFrame, sequenceParameterSet, type H264Geometry, type Picture } from './h264';

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}
const u16 = (n: number) => [(n >>> 8) & 255, n & 255];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function box(type: string, ...parts: Array<number[] | Uint8Array>): number[] {
  const body = parts.flatMap((p) => Array.from(p));
  return [...u32(8 + body.length), ...ascii(type), ...body];
}
const fullBox = (type: string, version: number, flags: number, ...parts: Array<number[] | Uint8Array>) => box(type, [version, (flags >>> 16) & 255, (flags >>> 8) & 255, flags & 255], ...parts);

const MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].flatMap(u32);

export interface Shot {
  /** 0-255: where the shot's colour sits on the colour wheel. */
  hue: number;
  seconds: number;
}

export interface TinyVideo {
  bytes: Uint8Array;
  width: number;
  height: number;
  fps: number;
  durationSeconds: number;
}

const GEOMETRY: H264Geometry = { width: 256, height: 144 };
const FPS = 24;

/** A calm gradient with a band whose colour is the shot's hue. */
function shotPicture(shot: Shot, index: number): Picture {
  const angle = (shot.hue / 256) * 2 * Math.PI;
  return {
    luma: (x, y) => 60 + (x / GEOMETRY.width) * 100 + (y / GEOMETRY.height) * 40 + ((y >> 4) === 4 + (index % 4) ? 30 : 0),
    cb: () => 128 + 70 * Math.cos(angle),
    cr: () => 128 + 70 * Math.sin(angle),
  };
}

export function tinyMp4(shots: readonly Shot[]): TinyVideo {
  const sps = sequenceParameterSet(GEOMETRY);
  const pps = pictureParameterSet();
  const samples: Uint8Array[] = [];
  const sync: number[] = [];
  let frameNum = 0;
  shots.forEach((shot, i) => {
    const frames = Math.max(1, Math.round(shot.seconds * FPS));
    sync.push(samples.length + 1);
    samples.push(keyFrame(GEOMETRY, i % 2, shotPicture(shot, i)));
    frameNum = 0;
    for (let f = 1; f < frames; f++) samples.push(repeatFrame(GEOMETRY, ++frameNum));
  });
  const withLength = samples.map((s) => Uint8Array.from([...u32(s.length), ...s]));
  const frames = samples.length;
  const durationMs = Math.round((frames * 1000) / FPS);
  const { width, height } = GEOMETRY;

  const avcC = box('avcC', [1, sps[1], sps[2], sps[3], 0xff, 0xe1, ...u16(sps.length)], sps, [1, ...u16(pps.length)], pps);
  const avc1 = box(
    'avc1',
    [0, 0, 0, 0, 0, 0, ...u16(1)], // reserved, data_reference_index
    [...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0)], // pre_defined, reserved, pre_defined[3]
    [...u16(width), ...u16(height), ...u32(0x00480000), ...u32(0x00480000), ...u32(0), ...u16(1)],
    new Array(32).fill(0), // compressorname
    [...u16(0x18), ...u16(0xffff)],
    avcC,
  );
  const stbl = (chunkOffset: number) =>
    box(
      'stbl',
      fullBox('stsd', 0, 0, u32(1), avc1),
      fullBox('stts', 0, 0, u32(1), u32(frames), u32(1)),
      fullBox('stss', 0, 0, u32(sync.length), sync.flatMap(u32)),
      fullBox('stsc', 0, 0, u32(1), u32(1), u32(frames), u32(1)),
      fullBox('stsz', 0, 0, u32(0), u32(frames), withLength.flatMap((s) => u32(s.length))),
      fullBox('stco', 0, 0, u32(1), u32(chunkOffset)),
    );
  const moov = (chunkOffset: number) =>
    box(
      'moov',
      fullBox('mvhd', 0, 0, u32(0), u32(0), u32(1000), u32(durationMs), u32(0x00010000), u16(0x0100), new Array(10).fill(0), MATRIX, new Array(24).fill(0), u32(2)),
      box(
        'trak',
        fullBox('tkhd', 0, 3, u32(0), u32(0), u32(1), u32(0), u32(durationMs), new Array(8).fill(0), u16(0), u16(0), u16(0), u16(0), MATRIX, u32(width << 16), u32(height << 16)),
        box(
          'mdia',
          fullBox('mdhd', 0, 0, u32(0), u32(0), u32(FPS), u32(frames), u16(0x55c4), u16(0)),
          fullBox('hdlr', 0, 0, u32(0), ascii('vide'), new Array(12).fill(0), ascii('VideoHandler'), [0]),
          box('minf', fullBox('vmhd', 0, 1, new Array(8).fill(0)), box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))), stbl(chunkOffset)),
        ),
      ),
    );
  const ftyp = box('ftyp', ascii('isom'), u32(512), ascii('isomiso2avc1mp41'));
  const moovSize = moov(0).length;
  const mdatBody = withLength.flatMap((s) => Array.from(s));
  const bytes = Uint8Array.from([...ftyp, ...moov(ftyp.length + moovSize + 8), ...box('mdat', mdatBody)]);
  return { bytes, width, height, fps: FPS, durationSeconds: frames / FPS };
}
