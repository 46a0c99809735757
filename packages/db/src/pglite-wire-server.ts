import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

// PGlite is one Postgres backend: one session, one unnamed statement, one transaction. Several
// processes (web, media-server, worker, migrate, seed), each with a pool, must share it.
//
// pglite-socket 0.1.6 multiplexes clients message by message. A client's Parse/Bind/Execute/Sync
// run is then atomic only while it arrives in one TCP chunk; with a large parameter another
// client's Parse slips between Parse and Bind and each client gets the other's statement
// (reproduced: an INSERT answered a SELECT). So this server hands the backend to one client at a
// time for a whole cycle, like pgbouncer's transaction mode: the messages up to a Sync or a simple
// Query run together, and a client inside a transaction block (or between Flush and Sync) keeps
// the backend until it is idle again. Other clients queue, first come first served.
//
// Session state (SET, named prepared statements) is shared by all clients, as under pgbouncer.

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const ROLLBACK = simpleQuery("ROLLBACK");

// Messages after which the client waits for the server's answer.
const CYCLE_END = new Set(["S", "Q", "H", "c", "f"]);
// Messages after which the backend has sent ReadyForQuery and may be idle.
const READY_AFTER = new Set(["S", "Q"]);

type Batch = { messages: Buffer[]; endsWithReady: boolean };

class WireSession {
  buffer: Buffer = Buffer.alloc(0);
  started = false;
  closed = false;
  /** Sent Flush without the Sync that ends the extended-protocol cycle. */
  midCycle = false;
  pending: Buffer[] = [];
  readonly ready: Batch[] = [];

  constructor(readonly socket: Socket) {}

  /** Splits the bytes received so far into complete messages and groups them into batches. */
  take(data: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write("N");
        } else if (code === PROTOCOL_3) {
          this.started = true;
          this.ready.push({ messages: [message], endsWithReady: true });
        } else {
          // A CancelRequest cannot interrupt a running WebAssembly call; anything else is not Postgres.
          this.socket.destroy();
          return;
        }
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (type === "X") {
        this.socket.end();
        return;
      }
      this.pending.push(message);
      if (CYCLE_END.has(type)) {
        this.ready.push({ messages: this.pending, endsWithReady: READY_AFTER.has(type) });
        this.pending = [];
      }
    }
  }
}

export class PGliteWireServer {
  private readonly server: Server;
  private readonly sessions = new Set<WireSession>();
  private readonly waiting: WireSession[] = [];
  private owner: WireSession | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: PGlite,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting, disconnects every client and waits for the running cycle to finish. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.socket.destroy();
    await closed;
    await new Promise((resolve) => setImmediate(resolve)); // let the sockets' close handlers run
    while (this.running) await this.running;
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const session = new WireSession(socket);
    this.sessions.add(session);
    socket.on("data", (data) => {
      session.take(data);
      if (session.ready.length) this.schedule(session);
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.drop(session));
  }

  private schedule(session: WireSession): void {
    if (session !== this.owner && !this.waiting.includes(session)) this.waiting.push(session);
    this.pump();
  }

  private pump(): void {
    if (this.running) return;
    let session = this.owner;
    if (!session) {
      session = this.waiting.shift() ?? null;
      if (!session) return;
      this.owner = session;
    }
    const batch = session.ready.shift();
    if (!batch) return; // the owner is mid-transaction and has not sent its next statement yet
    const current = session;
    this.running = this.run(current, batch)
      .catch((error: unknown) => {
        this.onError(error);
        current.socket.destroy();
      })
      .finally(() => {
        this.running = null;
        this.afterCycle(current, batch);
        this.pump();
      });
  }

  private run(session: WireSession, batch: Batch): Promise<void> {
    return this.db.runExclusive(async () => {
      for (const message of batch.messages) {
        await this.db.execProtocolRawStream(new Uint8Array(message), {
          onRawData: (data) => {
            if (!session.closed && session.socket.writable) session.socket.write(data);
          },
        });
      }
    });
  }

  private afterCycle(session: WireSession, batch: Batch): void {
    session.midCycle = !batch.endsWithReady;
    if (session.closed) {
      this.release(session);
      return;
    }
    if (batch.endsWithReady && !this.db.isInTransaction()) {
      this.owner = null;
      if (session.ready.length) this.waiting.push(session);
    }
  }

  private drop(session: WireSession): void {
    session.closed = true;
    this.sessions.delete(session);
    session.ready.length = 0;
    const index = this.waiting.indexOf(session);
    if (index >= 0) this.waiting.splice(index, 1);
    // A running cycle releases the backend itself when it ends (afterCycle).
    if (this.owner === session && !this.running) this.release(session);
  }

  /** Gives the backend back after its owner left, rolling back whatever it left open. */
  private release(session: WireSession): void {
    if (this.owner !== session) return;
    // Raw protocol messages, because PGlite's exec() takes the lock runExclusive already holds.
    const cleanup = this.db.runExclusive(async () => {
      // Without a Sync the backend would skip the next client's messages after an error.
      if (session.midCycle) await this.db.execProtocolRawStream(SYNC, { onRawData: () => {} });
      if (this.db.isInTransaction()) await this.db.execProtocolRawStream(ROLLBACK, { onRawData: () => {} });
    });
    this.running = cleanup.catch(this.onError).finally(() => {
      this.running = null;
      this.owner = null;
      this.pump();
    });
  }
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return new Uint8Array(message);
}
