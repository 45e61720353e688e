import { describe, expect, it } from 'vitest';

import { qrMatrix, qrSvgPath, qrTerminalLines } from '../../../../electron/shared/qr';

const URL_TEXT = 'http://192.168.77.10:41234/3q2-7wAAAAAAAAAAAAAAAA';

/** A finder pattern: 7×7 dark ring, light ring, 3×3 dark centre, at (x, y). */
function hasFinder(matrix: boolean[][], x: number, y: number): boolean {
  for (let dy = 0; dy < 7; dy += 1) {
    for (let dx = 0; dx < 7; dx += 1) {
      const ring = dx === 0 || dy === 0 || dx === 6 || dy === 6;
      const centre = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
      if (matrix[y + dy]?.[x + dx] !== (ring || centre)) {
        return false;
      }
    }
  }
  return true;
}

describe('QR codes for the other device', () => {
  const matrix = qrMatrix(URL_TEXT);
  const size = matrix.length;

  it('is a square QR symbol with its three finder patterns and timing lines', () => {
    expect((size - 17) % 4).toBe(0);
    expect(matrix.every((row) => row.length === size)).toBe(true);
    expect(hasFinder(matrix, 0, 0)).toBe(true);
    expect(hasFinder(matrix, size - 7, 0)).toBe(true);
    expect(hasFinder(matrix, 0, size - 7)).toBe(true);
    for (let i = 8; i < size - 8; i += 1) {
      expect(matrix[6]?.[i]).toBe(i % 2 === 0);
      expect(matrix[i]?.[6]).toBe(i % 2 === 0);
    }
  });

  it('depends on the text (a new secret gives a new code)', () => {
    expect(qrMatrix(`${URL_TEXT}x`)).not.toEqual(matrix);
  });

  it('draws one square per dark module in the SVG path, inside the quiet zone', () => {
    const dark = matrix.flat().filter(Boolean).length;
    const path = qrSvgPath(matrix, 4);
    expect(path.match(/M/g)).toHaveLength(dark);
    expect(path.startsWith('M4 4h1v1h-1z')).toBe(true);
  });

  it('draws two module rows per terminal line, with no escape sequences', () => {
    const lines = qrTerminalLines(matrix, 2);
    expect(lines).toHaveLength(Math.ceil((size + 4) / 2));
    for (const line of lines) {
      expect([...line]).toHaveLength(size + 4);
      expect(line).toMatch(/^[ \u2580\u2584\u2588]+$/);
    }
    // The top quiet zone is blank; the next line holds the finder's first two rows.
    expect(lines[0]).toBe(' '.repeat(size + 4));
    expect(lines[1]?.slice(0, 2)).toBe('  ');
    expect(lines[1]?.slice(2, 9)).toBe('\u2588\u2580\u2580\u2580\u2580\u2580\u2588');
  });
});
