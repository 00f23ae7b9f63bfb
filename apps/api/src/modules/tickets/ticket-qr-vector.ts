import QRCode from 'qrcode';

/** A horizontal run of dark modules in one row of a QR code. */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

export interface QrModules {
  /** Modules per side, without the quiet zone. */
  size: number;
  runs: QrRun[];
}

/**
 * The dark modules of the code as horizontal runs. Drawn as vector rectangles, the code is sharp at any
 * zoom and costs about a millisecond; the PNG it replaces (encoded by qrcode, decoded again by pdfkit)
 * took about 60 ms of CPU per ticket, nearly all of a ticket's render time.
 */
export function qrModules(text: string): QrModules {
  // Error correction M survives a scratched screen or a creased printout without making the code dense.
  // One byte-mode segment: a signed ticket is mostly lower-case base64url, which byte mode carries
  // anyway, so the library's search for the shortest mix of modes (nearly half its time) finds the
  // same code version (checked over 2,000 tickets) and is skipped.
  const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  const { size, data } = modules;
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size, runs };
}

/**
 * Draws the code in a square of `width` points at (x, y), with a one-module quiet zone inside it (the
 * white panel around it adds more). One path and one fill, so no viewer shows seams between modules.
 * The path is in modules, scaled once: "12 3 4 1 re" instead of four six-decimal numbers per run,
 * written as one piece, so the page's content (a thousand runs) is a third as long to build and
 * to compress.
 */
export function drawQrCode(
  doc: PDFKit.PDFDocument,
  qr: QrModules,
  x: number,
  y: number,
  width: number,
): void {
  const quietZone = 1;
  const cell = width / (qr.size + 2 * quietZone);
  doc.save();
  doc.transform(cell, 0, 0, cell, x + quietZone * cell, y + quietZone * cell);
  let path = '';
  for (const run of qr.runs) path += `${path ? '\n' : ''}${run.col} ${run.row} ${run.length} 1 re`;
  if (path) doc.addContent(path);
  doc.fill('#000000');
  doc.restore();
}
