import type net from 'node:net';
import { Duplex } from 'node:stream';

const recordHeader = 5;
const changeCipherSpec = 20;
const alert = 21;
const handshake = 22;
const clientHello = 1;

/**
 * Sits between the raw socket and the TLS client that carries a client certificate, and keeps
 * the client's second flight — its Certificate (in the clear in TLS 1.2) and everything after
 * it — until the server's certificate is decided. Node's TLS client runs OpenSSL without
 * verification and checks the chain only after the handshake, by which time the certificate
 * would be with the server (docs/decisions.md D58).
 *
 * What goes out at once: ClientHello records (a second one after a HelloRetryRequest),
 * ChangeCipherSpec and plaintext alerts. The first record of any other kind means OpenSSL has
 * processed the server's whole flight, Certificate included: from there on everything is held,
 * `decide` is asked (on the next turn of the event loop, outside OpenSSL's write), and the held
 * bytes go only when it says true. Otherwise they are dropped and the gate is destroyed, so
 * nothing more leaves.
 */
export class HandshakeGate extends Duplex {
  private state: 'hello' | 'holding' | 'open' = 'hello';
  private held = Buffer.alloc(0);

  constructor(
    private readonly raw: net.Socket,
    private readonly decide: () => boolean,
  ) {
    super();
    raw.on('data', (data: Buffer) => {
      if (!this.push(data)) raw.pause();
    });
    let ended = false;
    raw.on('end', () => {
      ended = true;
      this.push(null);
    });
    raw.on('error', (error) => this.destroy(error));
    // After a clean end the TLS socket still reads what is buffered here; only a cut-off connection is torn down.
    raw.on('close', () => {
      if (!ended) this.destroy();
    });
  }

  override _read(): void {
    this.raw.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.state === 'open') {
      this.raw.write(chunk, callback);
      return;
    }
    this.held = Buffer.concat([this.held, chunk]);
    if (this.state === 'hello') this.passHelloRecords();
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.state === 'open') this.raw.end();
    else this.raw.destroy();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.held = Buffer.alloc(0);
    this.raw.destroy();
    callback(error);
  }

  /** Sends whole records that may go before the decision; stops at the first that may not. */
  private passHelloRecords(): void {
    while (this.held.length > recordHeader) {
      const end = recordHeader + this.held.readUInt16BE(3);
      if (this.held.length < end) return; // the rest of this record is still to come
      const type = this.held[0];
      const early = type === changeCipherSpec || type === alert || (type === handshake && this.held[recordHeader] === clientHello);
      if (!early) {
        this.state = 'holding';
        setImmediate(() => this.release());
        return;
      }
      this.raw.write(this.held.subarray(0, end));
      this.held = this.held.subarray(end);
    }
  }

  private release(): void {
    if (this.destroyed) return;
    let allowed = false;
    try {
      allowed = this.decide();
    } catch {
      allowed = false; // a decision that cannot be made refuses
    }
    if (!allowed) {
      this.destroy();
      return;
    }
    this.state = 'open';
    const held = this.held;
    this.held = Buffer.alloc(0);
    if (held.length > 0) this.raw.write(held);
  }
}
