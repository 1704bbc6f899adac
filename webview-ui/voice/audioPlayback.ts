// Plays the spoken reply while it streams in: each piece of 16-bit PCM is scheduled right after the
// one before on a Web Audio clock, so speech is continuous however the pieces arrive. `stop()`
// silences everything scheduled at once (the user spoke over the reply, or pressed Stop). Made from
// bytes in memory: no media URL, nothing the CSP has to allow.

export class AudioPlayback {
  private context: AudioContext | undefined;
  private playing: AudioBufferSourceNode[] = [];
  private nextStart = 0;

  /** Called from a click: browsers let audio start only after the user did something. */
  prime(): void {
    try {
      this.context ??= new AudioContext();
      void this.context.resume().catch(() => undefined);
    } catch {
      // No Web Audio here: the reply still comes as a WAV to play.
    }
  }

  /** Queues a piece of the reply (base64 16-bit little-endian mono PCM). */
  play(pcmBase64: string, sampleRate: number): void {
    if (!this.context || !Number.isFinite(sampleRate) || sampleRate < 8000 || sampleRate > 96_000) return;
    const bytes = Uint8Array.from(atob(pcmBase64), (c) => c.charCodeAt(0));
    const samples = Math.floor(bytes.length / 2);
    if (!samples) return;
    const view = new DataView(bytes.buffer);
    const buffer = this.context.createBuffer(1, samples, sampleRate);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples; i++) channel[i] = view.getInt16(i * 2, true) / 32768;
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const at = Math.max(this.context.currentTime, this.nextStart);
    source.start(at);
    this.nextStart = at + buffer.duration;
    this.playing.push(source);
    source.onended = () => (this.playing = this.playing.filter((s) => s !== source));
  }

  /** Silences what is playing and everything queued. */
  stop(): void {
    for (const s of this.playing) {
      try {
        s.stop();
      } catch {
        // Already stopped.
      }
    }
    this.playing = [];
    this.nextStart = 0;
  }
}
