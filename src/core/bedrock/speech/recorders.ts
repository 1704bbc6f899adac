// Which system recorder can capture the microphone, and how to call it: raw 16-bit little-endian
// mono PCM at 16 kHz on stdout, so no file or conversion is needed. Found by looking through PATH —
// never through a shell — and run with an argument list.
import { delimiter, join } from 'node:path';

export interface Recorder {
  name: 'arecord' | 'sox' | 'ffmpeg';
  /** Absolute path of the program. */
  command: string;
  args: string[];
}

const CANDIDATES: ReadonlyArray<Omit<Recorder, 'command'>> = [
  { name: 'arecord', args: ['-q', '-f', 'S16_LE', '-r', '16000', '-c', '1', '-t', 'raw', '-'] },
  { name: 'sox', args: ['-q', '-d', '-t', 'raw', '-r', '16000', '-e', 'signed-integer', '-b', '16', '-c', '1', '-L', '-'] },
  { name: 'ffmpeg', args: ['-loglevel', 'error', '-f', process.platform === 'darwin' ? 'avfoundation' : 'alsa', '-i', process.platform === 'darwin' ? ':0' : 'default', '-ac', '1', '-ar', '16000', '-f', 's16le', '-'] },
];

/** What to tell a user who has none of them. */
export const NO_RECORDER_MESSAGE =
  'No audio recorder was found on PATH. Install one of arecord (package alsa-utils), sox or ffmpeg, or choose a WAV file instead.';

/** The first recorder found in `pathEnv` (`isExecutable` checks a candidate path). */
export function findRecorder(pathEnv: string | undefined, isExecutable: (path: string) => boolean, exe = process.platform === 'win32' ? '.exe' : ''): Recorder | undefined {
  const dirs = (pathEnv ?? '').split(delimiter).filter(Boolean);
  for (const c of CANDIDATES) {
    for (const dir of dirs) {
      const command = join(dir, c.name + exe);
      if (isExecutable(command)) return { ...c, command };
    }
  }
  return undefined;
}

/** Raw little-endian 16-bit PCM bytes as samples (an odd trailing byte is dropped). */
export function pcmSamples(raw: Buffer): Int16Array {
  const out = new Int16Array(Math.floor(raw.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = raw.readInt16LE(i * 2);
  return out;
}
