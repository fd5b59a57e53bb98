import { describe, expect, it } from 'vitest';
import { currentHostLink, hostAnswers, setHostLink, subscribeHostLink } from './hostLink';

describe('hostLink', () => {
  it('tells listeners when the link changes, and stops when they unsubscribe', () => {
    const seen: string[] = [];
    const stop = subscribeHostLink(() => seen.push(currentHostLink().state));
    setHostLink({ state: 'connecting' });
    setHostLink({ state: 'refused', hostRunning: true });
    stop();
    setHostLink({ state: 'open' });
    expect(seen).toEqual(['connecting', 'refused']);
    expect(currentHostLink()).toEqual({ state: 'open' });
  });

  it('asks the page’s own origin with HEAD, and reads only whether it answered', async () => {
    const asked: { url: string; method: string | undefined }[] = [];
    const answering = (status: number) => async (url: string | URL | Request, init?: RequestInit) => {
      asked.push({ url: String(url), method: init?.method });
      return new Response(null, { status });
    };
    expect(await hostAnswers('http://127.0.0.1:4700', answering(200))).toBe(true);
    expect(await hostAnswers('http://127.0.0.1:4700', answering(421))).toBe(false);
    expect(asked).toEqual([
      { url: 'http://127.0.0.1:4700/', method: 'HEAD' },
      { url: 'http://127.0.0.1:4700/', method: 'HEAD' },
    ]);
    const refused = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await hostAnswers('http://127.0.0.1:4700', refused)).toBe(false);
  });
});
