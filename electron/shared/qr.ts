import qrcode from 'qrcode-generator';

/**
 * The dark modules of a QR code for `text`, row by row (no quiet zone). One matrix feeds both the
 * wizard's SVG and the CLI's terminal drawing, so both show the same code. Error correction M:
 * readable from a screen at an angle, still small for a short URL.
 */
export function qrMatrix(text: string): boolean[][] {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_unused, column) => code.isDark(row, column)),
  );
}

/** One SVG path (`M x y h1 v1 h-1 z` per dark module), offset by a quiet zone of `margin`. */
export function qrSvgPath(matrix: readonly (readonly boolean[])[], margin: number): string {
  const parts: string[] = [];
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) {
        parts.push(`M${x + margin} ${y + margin}h1v1h-1z`);
      }
    }),
  );
  return parts.join('');
}

/**
 * The code for a terminal: two module rows per line with half blocks, dark modules in the text
 * colour. No escape sequences (the CLI writes none of its own): it is the right way round on a
 * light terminal and inverted on a dark one, which phone cameras read as well.
 */
export function qrTerminalLines(matrix: readonly (readonly boolean[])[], margin = 2): string[] {
  const size = matrix.length + margin * 2;
  const dark = (x: number, y: number): boolean => matrix[y - margin]?.[x - margin] === true;
  const lines: string[] = [];
  for (let y = 0; y < size; y += 2) {
    let line = '';
    for (let x = 0; x < size; x += 1) {
      const top = dark(x, y);
      const bottom = dark(x, y + 1);
      line += top ? (bottom ? '\u2588' : '\u2580') : bottom ? '\u2584' : ' ';
    }
    lines.push(line);
  }
  return lines;
}
