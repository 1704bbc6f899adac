// One emulator and a raw runtime client (the SDK's own, over HTTP/2, no retries) for a describe
// block, and the two calls the emulator's InvokeModel tests make: a JSON body in, its JSON answer
// out; or the ValidationException it must answer with, word for word.
import assert from 'node:assert/strict';
import { InvokeModelCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../emulator/emulator';
import { runtimeClient } from '../../emulator/sdkClients';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface RawRuntime {
  emu: EmulatorHandle;
  client: ReturnType<typeof runtimeClient>;
  invoke(modelId: string, body: unknown): Promise<J>;
  /** Asserts the call is refused with a 400 ValidationException carrying exactly `message`. */
  refused(modelId: string, body: unknown, message: string): Promise<void>;
}

export function useRawRuntime(options: EmulatorOptions = {}): RawRuntime {
  const t = {
    async invoke(modelId: string, body: unknown): Promise<J> {
      const res = await t.client.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json' }));
      return JSON.parse(new TextDecoder().decode(res.body)) as J;
    },
    async refused(modelId: string, body: unknown, message: string): Promise<void> {
      await assert.rejects(t.invoke(modelId, body), (e: unknown) => {
        assert.ok(e instanceof ValidationException, `expected ValidationException, got ${(e as Error).name}: ${(e as Error).message}`);
        assert.equal(e.$metadata.httpStatusCode, 400);
        assert.equal(e.message, message);
        return true;
      });
    },
  } as RawRuntime;
  before(async () => {
    t.emu = await startEmulator(options);
    t.client = runtimeClient(t.emu.url, { maxAttempts: 1 });
  });
  after(async () => {
    t.client.destroy();
    await t.emu.close();
  });
  return t;
}
