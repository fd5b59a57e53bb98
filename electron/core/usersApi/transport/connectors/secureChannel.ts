import type { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { nodeCrypto } from '../../../nodeBuiltins';
import type { ClientCertificate } from '../clientCertificate';
import type { TlsJudge } from '../tlsJudge';
import { HandshakeGate } from './handshakeGate';

export interface SecureTarget {
  /** The server's origin (https://host[:port]), the key of its pin. */
  origin: string;
  /** A name or an address (IPv6 without brackets). */
  hostname: string;
}

export interface ServerTrust {
  judge: TlsJudge;
  clientCertificate: ClientCertificate | null;
}

type Verdict = true | { code: string };

/**
 * TLS to the server over a raw socket (direct, or a proxy's tunnel of any kind): the only place
 * nodeFetch starts TLS to a server, and the only place anything in the app turns Node's
 * certificate check off. Node verifies as usual (its store, NODE_EXTRA_CA_CERTS, the name), but
 * a failure is reported instead of thrown, so that it can be judged: a certificate Node trusts
 * passes, any other only when the judge (the core's pins) accepts it. The socket is handed on
 * only after that, so not a byte of a request reaches a server that was refused. With a client
 * certificate, a HandshakeGate also holds it back until the same decision is made in the middle
 * of the handshake (docs/decisions.md D57, D58); the judgement after the handshake stays the
 * final word.
 */
export function openSecureChannel(raw: net.Socket, target: SecureTarget, trust: ServerTrust, signal: AbortSignal): Promise<TLSSocket> {
  const { clientCertificate } = trust;
  // Set below, once the TLS socket it asks about exists; until then nothing may pass.
  let decideAtGate = (): boolean => false;
  const gate = clientCertificate ? new HandshakeGate(raw, () => decideAtGate()) : null;
  const socket = tls.connect({
    socket: gate ?? raw,
    host: target.hostname,
    ...(net.isIP(target.hostname) ? {} : { servername: target.hostname }),
    ALPNProtocols: ['http/1.1'],
    // Node's verdict is kept (authorized, authorizationError) and decided on below.
    rejectUnauthorized: false,
    ...(clientCertificate ? { cert: clientCertificate.cert, key: clientCertificate.key } : {}),
  });
  keepTlsAlert(socket);
  if (gate) refThrough(socket, raw);
  const peer = peerCertificateOf(socket);

  return new Promise<TLSSocket>((resolve, reject) => {
    let handshaken = false;
    let gateOpen = gate === null;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      if (!error && !(handshaken && gateOpen)) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      if (error) {
        socket.destroy();
        raw.destroy();
        reject(error);
      } else resolve(socket);
    };
    const onError = (error: Error) => finish(error);
    const onAbort = () => finish(signal.reason as Error);
    const refused = (code: string) => Object.assign(new Error(`The certificate of ${target.origin} was refused (${code}).`), { code });
    // Called by the gate once OpenSSL has processed the server's certificate (before the client's own is sent).
    decideAtGate = () => {
      if (settled) return false;
      const verdict = judge(peer, target, trust.judge, reasonDuringHandshake(socket, target.hostname));
      if (verdict !== true) {
        finish(refused(verdict.code));
        return false;
      }
      gateOpen = true;
      finish(null); // resolves once the handshake is done too; undici writes only after the held bytes went
      return true;
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      const reason = socket.authorized ? null : String(socket.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      const verdict = judge(peer, target, trust.judge, reason);
      if (verdict !== true) return finish(refused(verdict.code));
      handshaken = true;
      finish(null);
    });
  });
}

/**
 * The server's certificate, as the judge takes it. Read from getPeerCertificate() (Node's own
 * check reads the same): Node 20's getPeerX509Certificate() takes the certificate out of a
 * client's peer chain, so calling it during the handshake would leave Node's check after it
 * without a certificate.
 */
function peerCertificateOf(socket: TLSSocket): () => X509Certificate | undefined {
  let certificate: X509Certificate | undefined;
  return () => {
    const raw = certificate ? undefined : socket.getPeerCertificate()?.raw;
    if (raw) certificate = new (nodeCrypto().X509Certificate)(raw);
    return certificate;
  };
}

/** Node trusts it (no reason), else the judge decides; no certificate to show it is a refusal (fail closed). */
function judge(peer: () => X509Certificate | undefined, target: SecureTarget, judge: TlsJudge, reason: string | null): Verdict {
  if (reason === null) return true;
  const certificate = peer();
  if (!certificate) return { code: reason };
  return judge.judge({ origin: target.origin, hostname: target.hostname, certificate, reason });
}

/**
 * What Node would say after the handshake, asked in the middle of it: OpenSSL's verification
 * result (`verifyError`, Node's internal SSL_get_verify_result — public APIs only answer after
 * the handshake), then the same name check Node runs, on the certificate as it stands. When
 * the internal is missing, no certificate can be called trusted: a refusal, never a guess.
 */
function reasonDuringHandshake(socket: TLSSocket, hostname: string): string | null {
  const handle = (socket as unknown as { _handle?: { verifyError?: () => (Error & { code?: string }) | null } })._handle;
  if (typeof handle?.verifyError !== 'function') return 'ERR_TLS_VERIFY_RESULT_UNAVAILABLE';
  const verifyError = handle.verifyError();
  if (verifyError) return String(verifyError.code ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  const certificate = socket.getPeerCertificate();
  if (!certificate?.raw) return 'ERR_TLS_PEER_CERTIFICATE_MISSING';
  const nameError = tls.checkServerIdentity(hostname, certificate) as (Error & { code?: string }) | undefined;
  return nameError ? String(nameError.code ?? 'ERR_TLS_CERT_ALTNAME_INVALID') : null;
}

/**
 * undici unrefs an idle kept-alive socket so that it does not keep the process alive; a TLS
 * socket over a stream (the gate) has no handle of its own to unref, so the raw socket is.
 */
function refThrough(socket: TLSSocket, raw: net.Socket): void {
  const { ref, unref } = socket;
  socket.ref = function (this: TLSSocket) {
    raw.ref();
    return ref.call(this);
  };
  socket.unref = function (this: TLSSocket) {
    raw.unref();
    return unref.call(this);
  };
}

/**
 * A server that wants a client certificate says so with a TLS alert after the handshake
 * (TLS 1.3); undici then reports only that the other side closed. The alert is hung on that
 * later error as its cause, so the words can say what the server wanted.
 */
function keepTlsAlert(socket: TLSSocket): void {
  let alert: Error | undefined;
  socket.prependListener('error', (error: Error & { code?: string }) => {
    if (!alert && error.code?.startsWith('ERR_SSL_')) alert = error;
    else if (alert && error !== alert && error.cause === undefined) error.cause = alert;
  });
}
