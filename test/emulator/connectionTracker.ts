// What the emulator knows about its connections, so tests can assert reuse and replacement: every
// TCP connection gets a number (the request log carries it), HTTP/2 sessions and HTTP/1.1
// connections are counted apart, and tests can make the server do what real endpoints do to idle
// or draining clients — send GOAWAY, close idle sessions — and add a connection-setup delay that
// stands in for a TCP + TLS handshake.
import type { IncomingMessage } from 'node:http';
import http2 from 'node:http2';
import type { Http2ServerRequest, Http2Session } from 'node:http2';
import type net from 'node:net';

export interface ConnectionStats {
  /** TCP connections accepted. */
  connections: number;
  /** Of those, HTTP/2 sessions (cleartext, prior knowledge). */
  h2Sessions: number;
  /** Of those, HTTP/1.1 connections. */
  h1Connections: number;
  /** Connections still open now. */
  open: number;
  /** Sessions the server ended with GOAWAY (`goaway()` or an idle close). */
  goaways: number;
}

interface Tracked {
  id: number;
  socket: net.Socket;
  session?: Http2Session;
  /** Requests being served on it now. */
  active: number;
}

export class ConnectionTracker {
  private readonly byId = new Map<number, Tracked>();
  private readonly bySocket = new WeakMap<net.Socket, Tracked>();
  private readonly bySession = new WeakMap<Http2Session, Tracked>();
  private next = 0;
  private h2 = 0;
  private h1 = 0;
  private goaways = 0;
  /** Set while a socket is handed to the HTTP/2 server, which creates its session synchronously. */
  private adopting?: Tracked;

  /** Milliseconds before a new connection is served (a stand-in for the TCP + TLS handshake). */
  connectionDelayMs = 0;

  /** `onClose` hears each connection's number when it closes. */
  constructor(private readonly onClose: (id: number) => void = () => undefined) {}

  accept(socket: net.Socket): Tracked {
    const t: Tracked = { id: ++this.next, socket, active: 0 };
    this.byId.set(t.id, t);
    this.bySocket.set(socket, t);
    socket.on('close', () => {
      this.byId.delete(t.id);
      this.onClose(t.id);
    });
    return t;
  }

  /** Hands `socket` to the HTTP/2 server so the session it creates is tracked as this connection. */
  adoptH2(t: Tracked, emit: () => void): void {
    this.h2++;
    this.adopting = t;
    try {
      emit();
    } finally {
      this.adopting = undefined;
    }
  }

  adoptH1(): void {
    this.h1++;
  }

  /** The HTTP/2 server's 'session' listener. */
  onSession(session: Http2Session): void {
    const t = this.adopting;
    if (!t) return;
    t.session = session;
    this.bySession.set(session, t);
  }

  /** The connection number a request arrived on (0 if unknown). */
  connectionOf(req: IncomingMessage | Http2ServerRequest): number {
    const session = (req as Http2ServerRequest).stream?.session;
    const t = session ? this.bySession.get(session) : this.bySocket.get((req as IncomingMessage).socket);
    return t?.id ?? 0;
  }

  /** Marks a request in flight on its connection until `done` settles. */
  track(req: IncomingMessage | Http2ServerRequest, done: Promise<unknown>): void {
    const t = this.byId.get(this.connectionOf(req));
    if (!t) return;
    t.active++;
    void done.finally(() => t.active--);
  }

  stats(): ConnectionStats {
    return { connections: this.next, h2Sessions: this.h2, h1Connections: this.h1, open: this.byId.size, goaways: this.goaways };
  }

  /**
   * Every open HTTP/2 session gets GOAWAY (streams in flight finish; new ones must go to a new
   * connection) and HTTP/1.1 connections close once idle — what a server draining for a deploy does.
   */
  goaway(): void {
    for (const t of this.byId.values()) {
      if (t.session) this.endSession(t.session);
      else if (t.active === 0) t.socket.destroy();
    }
  }

  /** Closes only connections with nothing in flight — what an idle timeout does. */
  closeIdle(): number {
    let closed = 0;
    for (const t of this.byId.values()) {
      if (t.active > 0) continue;
      closed++;
      if (t.session) this.endSession(t.session);
      else t.socket.destroy();
    }
    return closed;
  }

  private endSession(session: Http2Session): void {
    if (session.closed || session.destroyed) return;
    this.goaways++;
    session.goaway(http2.constants.NGHTTP2_NO_ERROR);
    session.close();
  }
}
