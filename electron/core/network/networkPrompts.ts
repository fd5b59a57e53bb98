import { AppFailure } from '../../../shared/errors';
import type { NetworkPrompt, PromptAnswer } from '../../../shared/networkSchemas';
import type { Clock, Timer } from '../clock';
import type { CoreEvents } from '../coreEvents';
import { nodeCrypto } from '../nodeBuiltins';

/** Unanswered questions lapse: Chromium's request is waiting, and a cancelled one fails with words. */
export const promptLifetimeMs = 5 * 60_000;

type Question = NetworkPrompt extends infer P ? (P extends NetworkPrompt ? Omit<P, 'promptId'> : never) : never;

/**
 * Questions the desktop shell needs the person to answer — a proxy sign-in, which client
 * certificate to present — asked through the window (the event `network.prompt`) and
 * answered with `network.answerPrompt`. Each is answered once; unanswered ones give null.
 */
export class NetworkPrompts {
  private readonly waiting = new Map<string, { prompt: NetworkPrompt; settle: (answer: PromptAnswer) => void; timer: Timer }>();

  constructor(
    private readonly events: CoreEvents,
    private readonly clock: Clock,
  ) {}

  ask(question: Question): Promise<PromptAnswer> {
    const prompt = { ...question, promptId: nodeCrypto().randomUUID() } as NetworkPrompt;
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => this.settle(prompt.promptId, null), promptLifetimeMs, { background: true });
      this.waiting.set(prompt.promptId, { prompt, settle: resolve, timer });
      this.events.emit('network.prompt', prompt);
    });
  }

  pending(): NetworkPrompt[] {
    return [...this.waiting.values()].map((entry) => entry.prompt);
  }

  answer(promptId: string, answer: PromptAnswer): void {
    const entry = this.waiting.get(promptId);
    if (!entry) throw new AppFailure('not-found', 'That question has expired or was already answered.');
    const kind = entry.prompt.kind;
    if (answer && (kind === 'proxy-sign-in') !== 'username' in answer) {
      throw new AppFailure('validation', kind === 'proxy-sign-in' ? 'Enter the proxy user name and password.' : 'Choose a certificate.');
    }
    this.settle(promptId, answer);
  }

  close(): void {
    for (const promptId of [...this.waiting.keys()]) this.settle(promptId, null);
  }

  private settle(promptId: string, answer: PromptAnswer): void {
    const entry = this.waiting.get(promptId);
    if (!entry) return;
    this.waiting.delete(promptId);
    this.clock.clearTimeout(entry.timer);
    entry.settle(answer);
  }
}
