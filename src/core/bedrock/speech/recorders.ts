// Which system recorder can capture the microphone, and how to call it: raw 16-bit little-endian
// mono PCM at 16 kHz on stdout, so no file or conversion is needed. Found by looking through PATH —
// never through a shell — and run with an argument list.
import type { spawn } from 'node:child_process';
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

/** A recorder as it runs: its PCM as it is captured, everything captured so far, and Stop. */
export interface Recording extends AsyncIterableIterator<Int16Array> {
  /** The recorder's name (arecord, sox, ffmpeg). */
  readonly name: string;
  /** The user is done speaking: the recorder is asked to finish, and the pieces end once it has. */
  finish(): void;
  /** Every sample captured so far, as little-endian bytes. */
  captured(): Buffer;
  /** Settles when the recorder process has exited. */
  readonly exited: Promise<void>;
}

/**
 * Starts `recorder` (an argument list, never a shell) and hands out its 16-bit PCM in pieces as
 * they arrive. Leaving the loop early (`return()`: Stop, the session limit) ends the process.
 * A recorder that cannot start, or ends having captured nothing, fails with what it said.
 */
export function startRecording(recorder: Pick<Recorder, 'command' | 'args'> & { name: string }, spawnProcess: typeof spawn): Recording {
  const child = spawnProcess(recorder.command, recorder.args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
  const pieces: Int16Array[] = [];
  const all: Buffer[] = [];
  let odd: Buffer | undefined;
  let stderr = '';
  let failure: Error | undefined;
  let done = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  child.stdout?.on('data', (b: Buffer) => {
    const bytes = odd ? Buffer.concat([odd, b]) : b;
    const even = bytes.length - (bytes.length % 2);
    odd = even < bytes.length ? bytes.subarray(even) : undefined;
    if (!even) return;
    all.push(bytes.subarray(0, even));
    pieces.push(pcmSamples(bytes.subarray(0, even)));
    notify();
  });
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
  child.on('error', (err) => {
    failure = new Error(`${recorder.name} could not start: ${err.message}`);
    done = true;
    notify();
  });
  child.on('close', (code) => {
    if (!all.length && !failure && code !== 0 && code !== null) {
      const said = stderr.trim().split('\n').at(-1);
      failure = new Error(`${recorder.name} recorded nothing${said ? `: ${said}` : ''}. Check the microphone, or send a WAV file instead.`);
    }
    done = true;
    notify();
  });
  const exited = new Promise<void>((resolve) => {
    child.on('close', () => resolve());
    child.on('error', () => resolve());
  });
  const stop = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  return {
    async next(): Promise<IteratorResult<Int16Array>> {
      for (;;) {
        const piece = pieces.shift();
        if (piece) return { value: piece, done: false };
        if (failure) throw failure;
        if (done) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return(): Promise<IteratorResult<Int16Array>> {
      stop('SIGTERM');
      done = true;
      pieces.length = 0;
      notify();
      return { value: undefined, done: true };
    },
    name: recorder.name,
    finish: () => stop('SIGINT'),
    captured: () => Buffer.concat(all),
    exited,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
