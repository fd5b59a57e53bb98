/** A round badge with up to two initials, standing in for an avatar. */
export function Initials({ name }: { name: string }) {
  const letters = name
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
  return (
    <span className="initials" aria-hidden="true">
      {letters || '?'}
    </span>
  );
}
