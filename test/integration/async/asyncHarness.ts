// Setup for the async-job tests: a real S3 server on loopback, the emulator writing job outputs to
// it through the S3 API, and a connection + router whose S3 client points at the same server.
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../emulator/emulator';
import { startS3Server, type S3ServerHandle } from '../../emulator/s3Server';
import { FAKE_CREDS, makeRig, type Rig } from '../router/routerHarness';

export const BUCKET = 'job-outputs';
export const OUTPUT_URI = `s3://${BUCKET}/bedrock-jobs`;

export interface AsyncRig extends Rig {
  s3: S3ServerHandle;
  close(): Promise<void>;
}

export async function startAsyncRig(options: EmulatorOptions = {}): Promise<AsyncRig> {
  const s3 = await startS3Server({ buckets: [BUCKET], accessKeys: [FAKE_CREDS] });
  let emu: EmulatorHandle | undefined;
  try {
    emu = await startEmulator({ s3Endpoint: s3.url, ...options });
    const rig = await makeRig(emu, { endpoints: { control: emu.url, runtime: emu.url, mantle: `${emu.url}/mantle`, s3: s3.url } });
    return {
      ...rig,
      s3,
      async close() {
        rig.dispose();
        await emu!.close();
        await s3.close();
      },
    };
  } catch (e) {
    await emu?.close();
    await s3.close();
    throw e;
  }
}

/** The requests of one operation, in order. */
export const requestsOf = (emu: EmulatorHandle, route: string) => emu.requests.filter((r) => r.route === route);
