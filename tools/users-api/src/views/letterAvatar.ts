// The letter avatar served when nothing was uploaded (§6 "Avatar image URLs").
const COLORS = [
  '#F44336',
  '#E91E63',
  '#9C27B0',
  '#673AB7',
  '#3F51B5',
  '#2196F3',
  '#03A9F4',
  '#00BCD4',
  '#009688',
  '#4CAF50',
  '#8BC34A',
  '#CDDC39',
  '#FFC107',
  '#FF9800',
  '#FF5722',
  '#795548',
  '#9E9E9E',
  '#607D8B',
];

/** Letter SVGs always claim this modification date (§6). */
export const LETTER_LAST_MODIFIED = 'Thu, 01 Jan 2015 00:00:00 GMT';

const escapeXml = (s: string): string =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

export function letterAvatarSvg(name: string, size: number): string {
  const initial = ([...name].find((c) => /[\p{L}\p{N}]/u.test(c)) ?? '?').toUpperCase();
  let hash = 0;
  for (const c of name) hash = (hash + (c.codePointAt(0) ?? 0)) % 1_000_003;
  const color = COLORS[hash % COLORS.length] ?? '#607D8B';
  const fontSize = Math.round(size * 0.6);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}">` +
    `<rect width="100%" height="100%" fill="${color}"/>` +
    `<text x="50%" y="50%" dy="0.36em" text-anchor="middle" pointer-events="none" fill="#ffffff" ` +
    `font-family="'Helvetica', 'Arial', 'Lucida Grande', 'sans-serif'" font-size="${fontSize}">${escapeXml(initial)}</text></svg>`
  );
}

export function clampSize(raw: string | undefined): number {
  const n = parseInt(raw ?? '', 10);
  if (!Number.isFinite(n)) return 200;
  return Math.min(Math.max(n, 16), 1024);
}
