// The emulator and a real local S3 server side by side, wired as in AWS: async jobs started on the
// emulator write their outputs to the S3 server through the S3 API. Used by the demo and the UI
// test tiers; `settings` adds the S3 endpoint and the output location to the emulator's settings.
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from './emulator';
import { DEMO_BUCKET, startS3Server, type S3ServerHandle } from './s3Server';

export interface LocalAws {
  emulator: EmulatorHandle;
  s3: S3ServerHandle;
  /** `bedrock.endpoints.s3` and `bedrock.async.s3OutputUri` for the extension. */
  s3Settings: Record<string, string>;
  close(): Promise<void>;
}

export const DEMO_OUTPUT_URI = `s3://${DEMO_BUCKET}/jobs`;

export async function startLocalAws(options: EmulatorOptions = {}): Promise<LocalAws> {
  const s3 = await startS3Server({ buckets: [DEMO_BUCKET] });
  let emulator: EmulatorHandle;
  try {
    emulator = await startEmulator({ ...options, s3Endpoint: s3.url });
  } catch (e) {
    await s3.close();
    throw e;
  }
  return {
    emulator,
    s3,
    s3Settings: { 'bedrock.endpoints.s3': s3.url, 'bedrock.async.s3OutputUri': DEMO_OUTPUT_URI },
    async close() {
      await emulator.close();
      await s3.close();
    },
  };
}
