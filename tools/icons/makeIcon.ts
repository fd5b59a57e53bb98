// `npm run icons`: draws the app icon (the person of resources/icon.svg on a blue rounded
// square) and writes resources/icon.png plus the Linux size set in resources/icons/.
// Drawn in code rather than exported from a drawing program so that anyone can change and
// regenerate it with what the repo already has: no image library, only node:zlib.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const resources = path.resolve(import.meta.dirname, '../../resources');
/** electron-builder makes the .ico and .icns from this one; 1024 is what macOS wants at most. */
const masterSize = 1024;
/** The hicolor sizes desktops look for; drawn at each size rather than scaled, so small ones stay sharp. */
const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512];

// Geometry in units of the icon's width. The square leaves Apple's icon-grid margin (100 of
// 1024) so the Dock shows it as large as its neighbours; Windows and Linux icons look fine with it.
const margin = 100 / 1024;
const side = 1 - 2 * margin;
const cornerRadius = 0.225 * side;
/** resources/icon.svg draws on a 64-unit square; this maps its coordinates into the square above. */
const svg = (units: number) => margin + (units / 64) * side;
const head = { x: svg(32), y: svg(25), r: (11 / 64) * side };
/** The shoulders: the upper half of an ellipse, cut flat where the SVG path closes. */
const shoulders = { x: svg(32), y: svg(54), rx: (20 / 64) * side, ry: (17 / 64) * side };
const top = [0x2b, 0x6c, 0xe0];
const bottom = [0x1a, 0x55, 0xc6];

// Signed distances (negative inside). Coverage from a distance gives anti-aliased edges at
// every size with one sample per pixel.
function roundedSquare(x: number, y: number): number {
  const inner = side / 2 - cornerRadius;
  const dx = Math.abs(x - 0.5) - inner;
  const dy = Math.abs(y - 0.5) - inner;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - cornerRadius;
}

function person(x: number, y: number): number {
  const headDistance = Math.hypot(x - head.x, y - head.y) - head.r;
  // An ellipse has no closed-form distance; this first-order estimate is exact on the edge,
  // which is all anti-aliasing needs.
  const px = (x - shoulders.x) / shoulders.rx;
  const py = (y - shoulders.y) / shoulders.ry;
  const k0 = Math.hypot(px, py);
  const k1 = Math.hypot(px / shoulders.rx, py / shoulders.ry);
  const ellipse = k1 === 0 ? -Math.min(shoulders.rx, shoulders.ry) : (k0 * (k0 - 1)) / k1;
  return Math.min(headDistance, Math.max(ellipse, y - shoulders.y));
}

const coverage = (distance: number, pixel: number) => Math.min(1, Math.max(0, 0.5 - distance / pixel));

function drawIcon(size: number): Buffer {
  const rgba = Buffer.alloc(size * size * 4);
  const pixel = 1 / size;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const x = (column + 0.5) * pixel;
      const y = (row + 0.5) * pixel;
      const alpha = coverage(roundedSquare(x, y), pixel);
      if (alpha === 0) continue;
      const white = coverage(person(x, y), pixel);
      const offset = (row * size + column) * 4;
      const shade = (y - margin) / side;
      for (let channel = 0; channel < 3; channel++) {
        const blue = top[channel]! + (bottom[channel]! - top[channel]!) * shade;
        rgba[offset + channel] = Math.round(blue + (255 - blue) * white);
      }
      rgba[offset + 3] = Math.round(255 * alpha);
    }
  }
  return rgba;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData)); // node:zlib has CRC-32 since Node 20.15; engines ask for 20.19
  return Buffer.concat([length, typeAndData, crc]);
}

/** 8-bit RGBA, no interlace: the one PNG flavour every icon tool reads. */
function encodePng(rgba: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
  // Filter type 0 on every row: the flat colours compress well enough without per-row filters.
  const rowBytes = size * 4;
  const raw = Buffer.alloc(size * (rowBytes + 1));
  for (let row = 0; row < size; row++) rgba.copy(raw, row * (rowBytes + 1) + 1, row * rowBytes, (row + 1) * rowBytes);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function write(file: string, size: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodePng(drawIcon(size), size));
  console.log(`${path.relative(process.cwd(), file)} ${size}x${size}`);
}

write(path.join(resources, 'icon.png'), masterSize);
// electron-builder reads a Linux icon set from files named by their size.
for (const size of linuxSizes) write(path.join(resources, 'icons', `${size}x${size}.png`), size);
