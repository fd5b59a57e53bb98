import type { ServerSummary } from '../../../shared/accountSchemas';
import type { Handlers } from '../handlers';
import type { ModuleContext } from '../moduleContext';
import type { RequestLimits } from '../usersApi/usersApiClient';
import { fetchServerInfo } from '../usersApi/authApi';
import { UsersApiClient } from '../usersApi/usersApiClient';
import { networkInfo } from './networkInfo';
import type { Transport } from './transport';

/**
 * The network as the person sees it: which proxy and certificates each server is reached
 * with (About), the certificate decision, and the questions waiting for an answer. Built
 * last: it lists the servers, and it knows no other module.
 */
export function networkModule(
  { clock }: ModuleContext,
  deps: { transport: Transport; servers: { list(): ServerSummary[] }; limits: RequestLimits },
) {
  const { transport, servers, limits } = deps;
  const { trust, prompts } = transport;
  // One GET /api/info, so an unverifiable certificate is seen again before the person decides.
  const probe = (origin: string) =>
    fetchServerInfo(
      new UsersApiClient({ baseUrl: origin, fetch: transport.fetch, clock, timeoutMs: limits.timeoutMs, signal: limits.signal }),
    );

  const handlers = {
    'network.info': () =>
      networkInfo({
        servers: servers.list(),
        proxies: transport.proxies,
        trust,
        clientCertificateFor: transport.clientCertificateFor,
      }),
    'certificates.review': ({ url }) => trust.review(url, probe),
    'certificates.trust': ({ url, fingerprint }) => trust.trust(url, fingerprint),
    'certificates.revoke': ({ url }) => {
      trust.revoke(url);
      return {};
    },
    'network.prompts': () => prompts.pending(),
    'network.answerPrompt': ({ promptId, answer }) => {
      prompts.answer(promptId, answer);
      return {};
    },
  } satisfies Handlers;

  return { handlers };
}
