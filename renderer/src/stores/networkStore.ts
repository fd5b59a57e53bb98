import { create } from 'zustand';
import type { AppError, Result } from '../../../shared/errors';
import type { CertificateReview, NetworkInfo, NetworkPrompt, PinnedCertificate, PromptAnswer } from '../../../shared/networkSchemas';
import { getApi, type ApiSource } from '../bridge/api';

interface NetworkState {
  /** The proxy and trusted certificate of each server (About). */
  info: NetworkInfo | null;
  error: AppError | null;
  /** Questions the desktop app waits on (a proxy sign-in, a client certificate), oldest first. */
  prompts: NetworkPrompt[];
  loadInfo(): Promise<void>;
  review(url: string): Promise<Result<CertificateReview>>;
  trust(url: string, fingerprint: string): Promise<Result<PinnedCertificate>>;
  revoke(url: string): Promise<Result<Record<string, never>>>;
  loadPrompts(): Promise<void>;
  answer(promptId: string, answer: PromptAnswer): Promise<Result<Record<string, never>>>;
  /** Follows `network.prompt` and `certificates.changed`. Returns the unsubscribe. */
  follow(): () => void;
}

export function createNetworkStore(api: ApiSource) {
  return create<NetworkState>((set, get) => ({
    info: null,
    error: null,
    prompts: [],
    async loadInfo() {
      const result = await api()['network.info']({});
      set(result.ok ? { info: result.value, error: null } : { error: result.error });
    },
    review: (url) => api()['certificates.review']({ url }),
    async trust(url, fingerprint) {
      const result = await api()['certificates.trust']({ url, fingerprint });
      // The caller needs the trust answer now; the refreshed list follows in the store.
      if (result.ok) void get().loadInfo();
      return result;
    },
    async revoke(url) {
      const result = await api()['certificates.revoke']({ url });
      // The same for a revoked pin.
      if (result.ok) void get().loadInfo();
      return result as Result<Record<string, never>>;
    },
    async loadPrompts() {
      const result = await api()['network.prompts']({});
      if (result.ok) set({ prompts: result.value });
    },
    async answer(promptId, answer) {
      // Gone from the list whatever the reply: an expired question cannot be answered later either.
      set({ prompts: get().prompts.filter((prompt) => prompt.promptId !== promptId) });
      return (await api()['network.answerPrompt']({ promptId, answer })) as Result<Record<string, never>>;
    },
    follow() {
      const stops = [
        api().on('network.prompt', (prompt) =>
          set({ prompts: [...get().prompts.filter((known) => known.promptId !== prompt.promptId), prompt] }),
        ),
        // An event has nobody to hand the reload to; the store keeps its answer.
        api().on('certificates.changed', () => void (get().info && get().loadInfo())),
      ];
      return () => stops.forEach((stop) => stop());
    },
  }));
}

export const useNetwork = createNetworkStore(getApi);

export const followNetwork = () => useNetwork.getState().follow();
