import { deflateSync } from 'node:zlib';

/**
 * The pass's icon and logo, drawn here instead of read from files: the server runs as one bundled
 * file (scripts/build-if-stale.mjs), where image files beside the source would not be found. A "Z"
 * on a rounded square, in the ticket PDF's colours, at Apple's 1x/2x/3x sizes.
 */

type Rgb = readonly [number, number, number];

const BAND: Rgb = [0x1e, 0x1b, 0x4b];
const ACCENT: Rgb = [0x81, 0x8c, 0xf8];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** Points of Apple's image sizes: the icon 29x29 (notifications, lock screen), the logo up to 160x50. */
const ICON_POINTS = 29;
const LOGO_POINTS = 50;

/** Whether a point (x, y) of the unit square lies inside a shape. */
type Shape = (x: number, y: number) => boolean;

const roundedSquare: Shape = (x, y) => {
  const radius = 0.22;
  const dx = Math.max(radius - x, x - (1 - radius), 0);
  const dy = Math.max(radius - y, y - (1 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
};

const letterZ: Shape = (x, y) => {
  const [left, right, top, bottom, stroke] = [0.27, 0.73, 0.26, 0.74, 0.12];
  if (x < left || x > right || y < top || y > bottom) return false;
  if (y < top + stroke || y > bottom - stroke) return true;
  // The diagonal runs from the top bar's right end to the bottom bar's left end.
  const along = (y - top - stroke) / (bottom - top - 2 * stroke);
  const centre = right - stroke * 0.6 - along * (right - left - stroke * 1.2);
  return Math.abs(x - centre) < stroke * 0.62;
};

/** RGBA pixels of the mark, 4x4 supersampled so its edges are smooth at 29 pixels. */
function drawMark(size: number, background: Rgb, letter: Rgb): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inSquare = 0;
      let inLetter = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!roundedSquare(x, y)) continue;
          inSquare++;
          if (letterZ(x, y)) inLetter++;
        }
      }
      const offset = (py * size + px) * 4;
      const share = inSquare === 0 ? 0 : inLetter / inSquare;
      for (let channel = 0; channel < 3; channel++)
        pixels[offset + channel] = Math.round(
          (background[channel] ?? 0) * (1 - share) + (letter[channel] ?? 0) * share,
        );
      pixels[offset + 3] = Math.round((255 * inSquare) / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A truecolour-with-alpha PNG of square RGBA pixels. */
function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++)
    rgba.copy(rows, row * (size * 4 + 1) + 1, row * size * 4, (row + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let images: Readonly<Record<string, Buffer>> | undefined;

/** icon.png, logo.png and their @2x and @3x, drawn once per process. */
export function passImages(): Readonly<Record<string, Buffer>> {
  if (images) return images;
  const drawn: Record<string, Buffer> = {};
  for (const [scale, suffix] of [
    [1, ''],
    [2, '@2x'],
    [3, '@3x'],
  ] as const) {
    const icon = ICON_POINTS * scale;
    const logo = LOGO_POINTS * scale;
    drawn[`icon${suffix}.png`] = encodePng(icon, drawMark(icon, BAND, WHITE));
    drawn[`logo${suffix}.png`] = encodePng(logo, drawMark(logo, ACCENT, BAND));
  }
  images = drawn;
  return drawn;
}
