import { vi } from 'vitest';

/** The prototype in HTMLElement's chain that defines `property` (happy-dom puts sizes on Element). */
function ownerOf(property: string): object {
  for (let proto: object | null = HTMLElement.prototype; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    if (Object.hasOwn(proto, property)) return proto;
  }
  throw new Error(`No prototype of HTMLElement defines ${property}.`);
}

/**
 * happy-dom lays nothing out: every element measures 0 × 0, and a virtualised list shows no
 * rows at all. This gives every element the height a list needs — a viewport of `viewport`
 * pixels (clientHeight) holding rows of `row` pixels (offsetHeight) — until the test ends.
 */
export function pretendLayout({ viewport, row }: { viewport: number; row: number }): void {
  vi.spyOn(ownerOf('clientHeight') as HTMLElement, 'clientHeight', 'get').mockReturnValue(viewport);
  vi.spyOn(ownerOf('offsetHeight') as HTMLElement, 'offsetHeight', 'get').mockReturnValue(row);
}
