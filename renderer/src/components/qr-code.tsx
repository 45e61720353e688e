import { useMemo } from 'react';

import { qrMatrix, qrSvgPath } from '../../../electron/shared/qr';

/** Four modules of light border: what QR readers need around the code. */
const QUIET_ZONE = 4;

/** A QR code drawn as one SVG path, black on white in both themes (cameras need the contrast). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  const size = matrix.length + QUIET_ZONE * 2;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width="200"
      height="200"
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={qrSvgPath(matrix, QUIET_ZONE)} fill="#000000" />
    </svg>
  );
}
