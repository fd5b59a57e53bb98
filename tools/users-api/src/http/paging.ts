// Paging and sort shared by the list endpoints (§6 "Lists"), after
// Rocket.Chat's getPaginationItems and parseJsonQuery.
import type { Settings } from '../state/settings';
import { thrown } from './envelope';

export interface Page {
  offset: number;
  /** 0 means unlimited. */
  count: number;
}

export function pageOf(s: Settings, query: Record<string, string>): Page {
  const upper = s.API_Upper_Count_Limit > 0 ? s.API_Upper_Count_Limit : 100;
  const fallback = s.API_Default_Count > 0 ? s.API_Default_Count : 50;
  const offset = Math.max(parseInt(query.offset ?? '0', 10) || 0, 0);
  let count = query.count === undefined ? fallback : parseInt(query.count, 10) || 0;
  if (count > upper) count = upper;
  if (count < 0) count = fallback;
  if (count === 0 && !s.API_Allow_Infinite_Count) count = fallback;
  return { offset, count };
}

export function slicePage<T>(items: T[], page: Page): T[] {
  return page.count === 0 ? items.slice(page.offset) : items.slice(page.offset, page.offset + page.count);
}

/** `sort` is JSON whose values are 1 or -1. */
export function parseSort(raw: string | undefined): Record<string, 1 | -1> | undefined {
  if (raw === undefined || raw === '') return undefined;
  const bad = () => thrown('error-invalid-sort', `Invalid sort parameter provided: "${raw}"`, { helperMethod: 'parseJsonQuery' });
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw bad();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad();
  for (const v of Object.values(value)) if (v !== 1 && v !== -1) throw bad();
  return value as Record<string, 1 | -1>;
}

/** Binary string order like MongoDB; missing values sort first. */
export function compareBy<T>(get: (item: T) => unknown, direction: 1 | -1) {
  return (a: T, b: T): number => {
    const x = get(a);
    const y = get(b);
    if (x === y) return 0;
    if (x === undefined || x === null) return -direction;
    if (y === undefined || y === null) return direction;
    const xv = x instanceof Date ? x.getTime() : x;
    const yv = y instanceof Date ? y.getTime() : y;
    return (xv as string | number) < (yv as string | number) ? -direction : direction;
  };
}
