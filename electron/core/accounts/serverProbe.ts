import { AppFailure } from '../../../shared/errors';
import { isLoopback, serverUrlCandidates } from '../../../shared/serverAddress';
import { ApiFailure } from '../usersApi/apiFailure';
import type { NetworkFailureKind } from '../usersApi/apiFailure';

const movesOn = new Set<NetworkFailureKind>(['wrong-protocol', 'refused', 'dropped', 'other']);

/** Asks an address for its server info; throws ApiFailure when it cannot. */
export type InfoProbe = (origin: string) => Promise<{ version: string | null }>;

/**
 * Finds the users API server behind what a person typed: each candidate address in turn
 * (https, then plain http for a scheme-less address on this computer), stopping at the
 * first that answers as a users API server. A failure says what went wrong in words, on
 * the address field: a wrong protocol is named as such, never left as "not trusted".
 */
export async function findServer(input: string, probe: InfoProbe): Promise<{ origin: string; version: string | null }> {
  const candidates = serverUrlCandidates(input);
  let failure: unknown;
  for (const origin of candidates) {
    try {
      return { origin, ...(await probe(origin)) };
    } catch (error) {
      failure = error;
      if (answered(error)) {
        const found = await findAbove(origin, probe);
        if (found) return found;
      }
      // Only "nothing speaks https here" moves on to plain http. A server that answered, a
      // certificate problem or a timeout is the answer: plain http would only hide it.
      if (!(error instanceof ApiFailure) || !movesOn.has(error.details.networkKind ?? 'timeout')) break;
    }
  }
  const last = candidates[candidates.length - 1]!;
  if (failure instanceof ApiFailure && failure.details.networkKind === 'dropped' && last.startsWith('http:')) {
    failure = await diagnosePlainHttp(last, probe, failure);
  }
  throw explainProbeFailure(failure, last);
}

/** Something answered at that address, but not as a users API server (not a failure on the way there). */
function answered(error: unknown): boolean {
  return (
    error instanceof ApiFailure &&
    !error.details.networkKind &&
    error.code !== 'timeout' &&
    error.code !== 'network-unreachable' &&
    error.code !== 'tls-untrusted'
  );
}

/** Levels climbed at most before the bare host (a thread link in a server under a path is five deep). */
const mostLevelsUp = 4;

/**
 * The addresses above one with a path, nearest first, and the bare host last: the server
 * of a link copied from its web app ("…/channel/general", "…/home", "…/api/v1") is above
 * it, and a server installed under a path ("example.com/chat/…") is found at that path.
 */
function addressesAbove(address: string): string[] {
  const url = new URL(address);
  const segments = url.pathname.split('/').filter(Boolean);
  const above: string[] = [];
  for (let keep = segments.length - 1; keep > 0 && above.length < mostLevelsUp; keep--) {
    above.push(`${url.origin}/${segments.slice(0, keep).join('/')}`);
  }
  return segments.length > 0 ? [...above, url.origin] : above;
}

/** The nearest address above `address` that answers as a users API server; stops at the first failure on the way. */
async function findAbove(address: string, probe: InfoProbe): Promise<{ origin: string; version: string | null } | null> {
  for (const origin of addressesAbove(address)) {
    try {
      return { origin, ...(await probe(origin)) };
    } catch (error) {
      if (!answered(error)) return null;
    }
  }
  return null;
}

/**
 * A plain http request the server cut off at once is what an https-only server does:
 * when the same address answers over https, say so instead of "cut off".
 */
async function diagnosePlainHttp(origin: string, probe: InfoProbe, failure: ApiFailure): Promise<unknown> {
  const secure = `https:${origin.slice('http:'.length)}`;
  try {
    await probe(secure);
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.details.networkKind !== 'certificate') return failure;
  }
  const host = new URL(origin).host;
  return new ApiFailure('network-unreachable', `${host} answers only secure connections. Use the address ${secure}.`, {
    networkKind: 'wrong-protocol',
    ...(failure.details.detail ? { detail: failure.details.detail } : {}),
  });
}

function explainProbeFailure(error: unknown, origin: string): unknown {
  if (!(error instanceof ApiFailure)) return error;
  const host = new URL(origin).host;
  // A failure on the way (the network, a proxy, a certificate), not an answer from something else.
  if (!answered(error)) {
    const message =
      error.details.networkKind === 'wrong-protocol' && origin.startsWith('https:') && isLoopback(new URL(origin).hostname)
        ? `${error.message} For a server on this computer, leave out https:// or type http://${host}.`
        : error.message;
    return new AppFailure(error.code, message, {
      fields: { url: message },
      ...(error.details.detail ? { detail: error.details.detail } : {}),
    });
  }
  const message = `${host} answers, but it is not a Rocket.Chat users API server. Check the address.`;
  return new AppFailure('not-found', message, { fields: { url: message } });
}
