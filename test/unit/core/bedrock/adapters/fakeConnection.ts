// A fake of what adapters reach through the connection. Only the SDK client's `send` is faked —
// it records each command and answers with what the test scripted — because the thing under test
// is the adapter's translation both ways; the real client is covered against the emulator in the
// integration tier.
import type { AdapterConnection } from '../../../../../src/core/bedrock/adapters/chatAdapter';
import { RetryPolicy } from '../../../../../src/core/bedrock/routing/retryPolicy';

export interface SentCommand {
  /** The command's class name, e.g. `ConverseStreamCommand`. */
  name: string;
  input: Record<string, unknown>;
}

export function fakeConnection(answer: (command: SentCommand) => unknown): AdapterConnection & { sent: SentCommand[] } {
  const sent: SentCommand[] = [];
  return {
    sent,
    info: { endpoints: { control: 'https://control.test', runtime: 'https://runtime.test', mantle: 'https://mantle.test', s3: 'https://s3.test' } },
    userAgent: 'bedrock-workbench/test',
    retryPolicy: new RetryPolicy({ random: () => 0 }),
    runtime: async () => ({
      send: (async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const c = { name: command.constructor.name, input: command.input };
        sent.push(c);
        return answer(c);
      }) as never,
    }),
    httpAgent: () => Promise.reject(new Error('this fake serves the SDK client only')),
    authHeaders: () => Promise.reject(new Error('this fake serves the SDK client only')),
  };
}

export async function* asyncItems<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
