import { pageSize } from '../usersApi/directoryApi';

/** Ids of the server's list in `_id` order from `offset` (at most `count`). */
export type IdsAt = (offset: number, count: number) => Promise<{ ids: string[]; total: number }>;

/**
 * Which people of the copy the server no longer lists, asking for little: the copy's ids and
 * the server's list are both in `_id` order, so the server's id at position k, found at index j
 * of the copy, says j - k of the copy's people before it are gone. Halving the span between
 * such probes finds each gone person in about log2(people / 100) one-id requests and one page.
 *
 * `local` is the copy's ids in `_id` order, after the changes read (so people added since are
 * in it); `total` is how many the server lists. Null when the answers do not fit that picture
 * (someone the copy has never seen, or the list changed while asking): the full pass settles it.
 */
export async function findGone(local: readonly string[], total: number, idsAt: IdsAt): Promise<string[] | null> {
  const missing = local.length - total;
  if (missing < 0) return null;
  if (missing === 0) return [];
  const gone: string[] = [];
  const indexOf = (id: string): number => {
    let low = 0;
    let high = local.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (local[mid]! < id) low = mid + 1;
      else high = mid;
    }
    return local[low] === id ? low : -1;
  };
  // The copy's span [from, to) with `goneBefore` of its people gone before `from`, `goneUpTo` before `to`.
  const walk = async (from: number, to: number, goneBefore: number, goneUpTo: number): Promise<boolean> => {
    const goneHere = goneUpTo - goneBefore;
    const present = to - from - goneHere;
    if (goneHere === 0) return true;
    if (goneHere < 0 || present < 0) return false;
    if (present === 0) {
      gone.push(...local.slice(from, to));
      return true;
    }
    // The span's people still listed sit at the server's positions from - goneBefore onwards.
    const first = from - goneBefore;
    if (to - from <= pageSize) {
      const { ids } = await idsAt(first, present);
      const listed = new Set(ids);
      if (ids.length !== present || ids.some((id) => indexOf(id) < from || indexOf(id) >= to)) return false;
      for (let index = from; index < to; index++) if (!listed.has(local[index]!)) gone.push(local[index]!);
      return true;
    }
    const position = first + Math.floor(present / 2);
    const [id] = (await idsAt(position, 1)).ids;
    const index = id === undefined ? -1 : indexOf(id);
    if (index < from || index >= to) return false;
    const goneAt = index - position;
    return (await walk(from, index, goneBefore, goneAt)) && (await walk(index + 1, to, goneAt, goneUpTo));
  };
  return (await walk(0, local.length, 0, missing)) && gone.length === missing ? gone : null;
}
