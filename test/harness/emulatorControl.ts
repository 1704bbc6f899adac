// Lets tests running inside the VS Code extension host steer the emulator, which lives in the
// harness process: a tiny loopback HTTP API next to it. POST /fault {FaultSpec}, POST /async-failure {AsyncFailureSpec},
// POST /scenario {Scenario} (an empty object: none), POST /clear,
// GET /requests (recorded requests without their promises), POST /closed {requestId} (waits until
// that exchange ends and says whether the client went away before the end).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorHandle } from '../emulator/emulator';

export interface EmulatorControl {
  url: string;
  close(): Promise<void>;
}

export async function startEmulatorControl(emulator: EmulatorHandle): Promise<EmulatorControl> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      try {
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        if (req.method === 'POST' && req.url === '/fault') {
          emulator.fault(body);
          return reply(200, { ok: true });
        }
        if (req.method === 'POST' && req.url === '/async-failure') {
          emulator.failAsyncJobs(body);
          return reply(200, { ok: true });
        }
        if (req.method === 'POST' && req.url === '/scenario') {
          emulator.setScenario(body && typeof body === 'object' && Object.keys(body).length ? body : undefined);
          return reply(200, { ok: true });
        }
        if (req.method === 'POST' && req.url === '/clear') {
          emulator.clearFaults();
          emulator.clearRequests();
          return reply(200, { ok: true });
        }
        if (req.method === 'POST' && req.url === '/closed') {
          const record = emulator.requests.find((r) => r.requestId === body?.requestId);
          if (!record) return reply(404, { message: `no request ${body?.requestId}` });
          void record.closed.then((c) => reply(200, c));
          return;
        }
        if (req.method === 'GET' && req.url === '/requests') {
          return reply(200, emulator.requests.map(({ closed: _closed, ...r }) => r));
        }
        reply(404, { message: `no such control route ${req.method} ${req.url}` });
      } catch (e) {
        reply(400, { message: e instanceof Error ? e.message : String(e) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
