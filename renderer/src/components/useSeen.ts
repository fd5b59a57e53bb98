import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the element has been on screen at least once (clipped by the lists it scrolls in).
 * A list renders a few rows beyond its view so a scroll shows them at once; what those rows
 * would ask the core for (an avatar is a server request) waits until they are seen. Where the
 * browser cannot observe, it counts as seen at once.
 */
export function useSeen(element: RefObject<Element | null>): boolean {
  const observable = typeof IntersectionObserver !== 'undefined';
  const [seen, setSeen] = useState(!observable);
  useEffect(() => {
    const target = element.current;
    if (seen || !observable || !target) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, observable, seen]);
  return seen;
}
