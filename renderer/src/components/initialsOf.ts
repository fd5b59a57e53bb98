/** Up to two initials of a name, standing in for an avatar until an image is saved. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => [...part][0]!.toUpperCase())
    .join('');
  return letters || '?';
}
