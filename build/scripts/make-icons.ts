import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { Resvg } from '@resvg/resvg-js';

/**
 * One icon source (assets/icon.svg) → the 1024 px PNG electron-builder turns into .ico, .icns and
 * the Linux sizes at package time. Run before every packaging command; the output is not committed.
 */
const source = fileURLToPath(new URL('../../assets/icon.svg', import.meta.url));
const target = fileURLToPath(new URL('../icons/icon.png', import.meta.url));

export async function makeIcons(): Promise<string> {
  const svg = await readFile(source);
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: 1024 } }).render().asPng();
  await mkdir(fileURLToPath(new URL('../icons/', import.meta.url)), { recursive: true });
  await writeFile(target, png);
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`icon: ${await makeIcons()}\n`);
}
