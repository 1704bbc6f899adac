// In-extension-host side of test/harness/emulatorControl.ts.
import type { AsyncFailureSpec } from '../emulator/asyncInvoke';
import type { FaultSpec } from '../emulator/faultSpec';
import type { RecordedRequest } from '../emulator/recordedRequest';
import type { Scenario } from '../emulator/scenario';

const base = () => {
  const url = process.env.BEDROCK_EMULATOR_CONTROL;
  if (!url) throw new Error('BEDROCK_EMULATOR_CONTROL is not set: run this suite through npm run test:vscode');
  return url;
};

export async function fault(spec: FaultSpec): Promise<void> {
  const res = await fetch(`${base()}/fault`, { method: 'POST', body: JSON.stringify(spec) });
  if (!res.ok) throw new Error(`fault failed: ${await res.text()}`);
}

/** The next matching async jobs end Failed with the message. */
export async function failAsyncJobs(spec: AsyncFailureSpec): Promise<void> {
  const res = await fetch(`${base()}/async-failure`, { method: 'POST', body: JSON.stringify(spec) });
  if (!res.ok) throw new Error(`async-failure failed: ${await res.text()}`);
}

/** The emulator's scripted replies from now on; `{}` goes back to generated ones. */
export async function setScenario(scenario: Scenario): Promise<void> {
  const res = await fetch(`${base()}/scenario`, { method: 'POST', body: JSON.stringify(scenario) });
  if (!res.ok) throw new Error(`scenario failed: ${await res.text()}`);
}

export async function clearEmulator(): Promise<void> {
  await fetch(`${base()}/clear`, { method: 'POST' });
}

export async function recordedRequests(): Promise<Omit<RecordedRequest, 'closed'>[]> {
  return (await fetch(`${base()}/requests`)).json() as Promise<Omit<RecordedRequest, 'closed'>[]>;
}

/** Resolves when the emulator's exchange for `requestId` ends: `aborted` when the client went away first. */
export async function requestClosed(requestId: string): Promise<{ aborted: boolean }> {
  const res = await fetch(`${base()}/closed`, { method: 'POST', body: JSON.stringify({ requestId }) });
  if (!res.ok) throw new Error(`closed failed: ${await res.text()}`);
  return res.json() as Promise<{ aborted: boolean }>;
}
