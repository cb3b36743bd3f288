#!/usr/bin/env node
/**
 * Draws the app icon from resources/icon.svg into what the installers need:
 *   resources/icon.ico        Windows (16–256 px, PNG-compressed entries)
 *   resources/icons/NxN.png   Linux (electron-builder's icon set), and resources/icon.png (512 px)
 * Uses rsvg-convert (Debian: apt-get install librsvg2-bin). The outputs are committed; run this
 * again only after changing the SVG: `node scripts/make-icons.mjs`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const res = resolve(import.meta.dirname, '../resources');
const svg = join(res, 'icon.svg');
const LINUX = [16, 24, 32, 48, 64, 128, 256, 512];
const WINDOWS = [16, 24, 32, 48, 64, 128, 256];

function png(size) {
  return execFileSync('rsvg-convert', ['--width', String(size), '--height', String(size), '--format', 'png', svg]);
}

/** An .ico holding PNG images (read by Windows Vista and later), largest last. */
export function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    entries.push(e);
    offset += data.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

mkdirSync(join(res, 'icons'), { recursive: true });
const made = new Map();
for (const size of LINUX) {
  const data = png(size);
  made.set(size, data);
  writeFileSync(join(res, 'icons', `${size}x${size}.png`), data);
}
writeFileSync(join(res, 'icon.png'), made.get(512));
writeFileSync(join(res, 'icon.ico'), ico(WINDOWS.map((size) => ({ size, data: made.get(size) ?? png(size) }))));
console.log(`icons: ${LINUX.length} PNG sizes, icon.ico with ${WINDOWS.length} sizes (${readFileSync(join(res, 'icon.ico')).length} bytes)`);
