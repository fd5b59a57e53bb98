/**
 * Per key, whether a reply still answers the latest call: when a second call for the same
 * thing goes out before the first is answered, the first answer may come last and must
 * not overwrite the newer one.
 */
export function createLatestReplies(): { start(key: string): () => boolean } {
  const latest = new Map<string, number>();
  return {
    start(key) {
      const call = (latest.get(key) ?? 0) + 1;
      latest.set(key, call);
      return () => latest.get(key) === call;
    },
  };
}
