import { lazy, Suspense, useEffect } from 'react';
import { useNetwork } from '../stores/networkStore';
import { useModalDialog } from './useModalDialog';

// The forms load when the first question comes: most starts ask none (P3, D114).
const ProxySignIn = lazy(() => import('./NetworkPromptForms').then((loaded) => ({ default: loaded.ProxySignIn })));
const CertificateChoice = lazy(() => import('./NetworkPromptForms').then((loaded) => ({ default: loaded.CertificateChoice })));

/**
 * The desktop app's network questions, one at a time: a proxy that asks for a sign-in (kept
 * in the system keychain), or which client certificate to show a server (remembered for it).
 */
export function NetworkPromptDialog() {
  const { prompts, loadPrompts, answer } = useNetwork();
  const prompt = prompts[0] ?? null;
  const ref = useModalDialog(prompt !== null);
  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void loadPrompts();
  }, [loadPrompts]);
  // How it went shows on screen; an event handler has nobody to hand the promise to.
  const cancel = () => prompt && void answer(prompt.promptId, null);
  return (
    <dialog ref={ref} onCancel={cancel} className="dialog" aria-labelledby="network-prompt-title">
      <Suspense
        fallback={
          <p role="status" id="network-prompt-title">
            Opening a question from the network…
          </p>
        }
      >
        {prompt?.kind === 'proxy-sign-in' && <ProxySignIn key={prompt.promptId} prompt={prompt} onCancel={cancel} />}
        {prompt?.kind === 'client-certificate' && <CertificateChoice key={prompt.promptId} prompt={prompt} onCancel={cancel} />}
      </Suspense>
    </dialog>
  );
}
