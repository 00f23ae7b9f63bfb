import { collectPdf, createPdfDocument, isWinAnsi } from '../../shared/pdf-document';
import type { DocumentRow, InvoiceDocument } from './invoice-document';

type Doc = PDFKit.PDFDocument;

// A4 in points; positions are computed from these, never from pdfkit's margins.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const FOOTER_TOP = PAGE_HEIGHT - 64;

const COLORS = {
  brand: '#1E1B4B',
  accent: '#818CF8',
  text: '#111827',
  muted: '#6B7280',
  rule: '#E5E7EB',
  panel: '#F3F4F6',
} as const;

interface Column {
  header: string;
  width: number;
  align: 'left' | 'right';
  value: (row: DocumentRow) => string;
}

const INVOICE_COLUMNS: Column[] = [
  { header: 'Description', width: 131, align: 'left', value: (r) => r.description },
  { header: 'Qty', width: 36, align: 'right', value: (r) => r.quantity },
  { header: 'Unit price', width: 62, align: 'right', value: (r) => r.unitPrice },
  { header: 'Discount', width: 58, align: 'right', value: (r) => r.discount },
  { header: 'Tax rate', width: 90, align: 'left', value: (r) => r.taxRate },
  { header: 'Tax', width: 56, align: 'right', value: (r) => r.tax },
  { header: 'Amount', width: 66, align: 'right', value: (r) => r.total },
];

const CREDIT_NOTE_COLUMNS: Column[] = [
  { header: 'Description', width: 175, align: 'left', value: (r) => r.description },
  { header: 'Net', width: 76, align: 'right', value: (r) => r.unitPrice },
  { header: 'Tax rate', width: 110, align: 'left', value: (r) => r.taxRate },
  { header: 'Tax', width: 66, align: 'right', value: (r) => r.tax },
  { header: 'Amount', width: 72, align: 'right', value: (r) => r.total },
];

const CELL_PADDING = 6;

/** An invoice or a credit note as one A4 document (more pages for long orders). Built-in fonts only. */
export async function renderInvoicePdf(document: InvoiceDocument): Promise<Buffer> {
  const doc = createPdfDocument({
    size: 'A4',
    margin: 0,
    // Every page's footer names the page count, known once the table is drawn.
    bufferPages: true,
    info: { Title: `${document.title} ${document.number}`, Author: document.seller.name },
  });
  const done = collectPdf(doc);

  let y = drawHeader(doc, document);
  y = drawParties(doc, document, y + 28);
  y = drawTable(doc, document, y + 26);
  y = drawTotals(doc, document, y + 14);
  drawNotes(doc, document, y + 22);
  drawFooter(doc, document);

  doc.end();
  return done;
}

function drawHeader(doc: Doc, d: InvoiceDocument): number {
  doc.rect(0, 0, PAGE_WIDTH, 6).fill(COLORS.brand);
  const top = 44;
  // Seller on the left, the document's title and number on the right.
  doc.font('Helvetica-Bold').fontSize(16).fillColor(COLORS.text);
  doc.text(winAnsi(d.seller.name), MARGIN, top, { width: 280, height: 40, ellipsis: true });
  let left = doc.y + 4;
  doc.font('Helvetica').fontSize(9).fillColor(COLORS.muted);
  for (const line of d.seller.lines) {
    doc.text(winAnsi(line), MARGIN, left, { width: 280, lineBreak: false, ellipsis: true, height: 12 });
    left += 12;
  }

  const right = PAGE_WIDTH - MARGIN - 220;
  doc.font('Helvetica-Bold').fontSize(24).fillColor(COLORS.brand);
  doc.text(d.title.toUpperCase(), right, top - 4, { width: 220, align: 'right', characterSpacing: 1 });
  const meta: Array<[string, string]> = [
    [d.kind === 'invoice' ? 'Invoice number' : 'Credit note number', d.number],
    ['Issue date', d.issueDate],
  ];
  if (d.kind === 'invoice' && d.paidDate) meta.push(['Paid on', d.paidDate]);
  let metaY = top + 34;
  for (const [label, value] of meta) {
    doc.font('Helvetica').fontSize(9).fillColor(COLORS.muted);
    doc.text(label, right, metaY, { width: 100, lineBreak: false });
    doc.font('Helvetica-Bold').fontSize(9).fillColor(COLORS.text);
    doc.text(winAnsi(value), right + 100, metaY, { width: 120, align: 'right', lineBreak: false });
    metaY += 14;
  }
  if (d.reference) {
    doc.font('Helvetica-Bold').fontSize(9).fillColor(COLORS.brand);
    doc.text(winAnsi(d.reference), right, metaY + 2, { width: 220, align: 'right', lineBreak: false });
    metaY += 16;
  }
  return Math.max(left, metaY);
}

function drawParties(doc: Doc, d: InvoiceDocument, top: number): number {
  const gap = 24;
  const width = (CONTENT_WIDTH - gap) / 2;
  const boxes: Array<{ label: string; name: string; lines: string[] }> = [
    { label: d.kind === 'invoice' ? 'BILL TO' : 'CREDIT TO', name: d.buyer.name, lines: d.buyer.lines },
    { label: 'EVENT', name: d.event.title, lines: [d.event.date, `Order ${d.orderId}`] },
  ];
  let bottom = top;
  boxes.forEach((box, index) => {
    const x = MARGIN + index * (width + gap);
    doc.font('Helvetica-Bold').fontSize(7.5).fillColor(COLORS.muted);
    doc.text(box.label, x, top, { width, characterSpacing: 1.2, lineBreak: false });
    doc.font('Helvetica-Bold').fontSize(11).fillColor(COLORS.text);
    doc.text(winAnsi(box.name), x, top + 13, { width, height: 28, ellipsis: true });
    let y = doc.y + 2;
    doc.font('Helvetica').fontSize(9).fillColor(COLORS.muted);
    for (const line of box.lines) {
      doc.text(winAnsi(line), x, y, { width, height: 24, ellipsis: true });
      y = doc.y + 1;
    }
    bottom = Math.max(bottom, y);
  });
  return bottom;
}

function drawTableHeader(doc: Doc, columns: Column[], top: number): number {
  doc.rect(MARGIN, top, CONTENT_WIDTH, 20).fill(COLORS.brand);
  doc.font('Helvetica-Bold').fontSize(8).fillColor('#FFFFFF');
  let x = MARGIN;
  for (const column of columns) {
    doc.text(column.header.toUpperCase(), x + CELL_PADDING, top + 6.5, {
      width: column.width - 2 * CELL_PADDING,
      align: column.align,
      lineBreak: false,
    });
    x += column.width;
  }
  return top + 20;
}

function drawTable(doc: Doc, d: InvoiceDocument, top: number): number {
  const columns = d.kind === 'invoice' ? INVOICE_COLUMNS : CREDIT_NOTE_COLUMNS;
  let y = drawTableHeader(doc, columns, top);
  d.rows.forEach((row, index) => {
    doc.font('Helvetica').fontSize(9);
    const heights = columns.map((column) =>
      doc.heightOfString(winAnsi(column.value(row)), { width: column.width - 2 * CELL_PADDING }),
    );
    const height = Math.max(...heights) + 12;
    if (y + height > FOOTER_TOP - 40) {
      doc.addPage({ size: 'A4', margin: 0 });
      y = drawTableHeader(doc, columns, MARGIN);
    }
    if (index % 2 === 1) doc.rect(MARGIN, y, CONTENT_WIDTH, height).fill(COLORS.panel);
    let x = MARGIN;
    for (const column of columns) {
      doc
        .font(column === columns[0] ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(9)
        .fillColor(COLORS.text);
      doc.text(winAnsi(column.value(row)), x + CELL_PADDING, y + 6, {
        width: column.width - 2 * CELL_PADDING,
        align: column.align,
      });
      x += column.width;
    }
    y += height;
    doc
      .moveTo(MARGIN, y)
      .lineTo(PAGE_WIDTH - MARGIN, y)
      .lineWidth(0.5)
      .stroke(COLORS.rule);
  });
  return y;
}

function drawTotals(doc: Doc, d: InvoiceDocument, top: number): number {
  const width = 240;
  const x = PAGE_WIDTH - MARGIN - width;
  let y = top;
  if (y + d.totals.length * 20 > FOOTER_TOP - 20) {
    doc.addPage({ size: 'A4', margin: 0 });
    y = MARGIN;
  }
  for (const total of d.totals) {
    if (total.isGrandTotal) {
      y += 4;
      doc.rect(x, y, width, 26).fill(COLORS.brand);
      doc.font('Helvetica-Bold').fontSize(11).fillColor('#FFFFFF');
      doc.text(winAnsi(total.label), x + 10, y + 8, { width: 120, lineBreak: false });
      doc.text(winAnsi(total.amount), x + 120, y + 8, {
        width: width - 130,
        align: 'right',
        lineBreak: false,
      });
      y += 32;
    } else {
      doc.font('Helvetica').fontSize(9.5).fillColor(COLORS.muted);
      doc.text(winAnsi(total.label), x + 10, y + 4, { width: 150, lineBreak: false });
      doc.font('Helvetica').fontSize(9.5).fillColor(COLORS.text);
      doc.text(winAnsi(total.amount), x + 140, y + 4, {
        width: width - 150,
        align: 'right',
        lineBreak: false,
      });
      y += 18;
    }
  }
  return y;
}

function drawNotes(doc: Doc, d: InvoiceDocument, top: number): void {
  let y = top;
  if (y + d.notes.length * 13 > FOOTER_TOP - 8) return;
  doc.font('Helvetica').fontSize(8.5).fillColor(COLORS.muted);
  for (const note of d.notes) {
    doc.text(winAnsi(note), MARGIN, y, { width: CONTENT_WIDTH });
    y = doc.y + 3;
  }
}

function drawFooter(doc: Doc, d: InvoiceDocument): void {
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    doc
      .moveTo(MARGIN, FOOTER_TOP - 8)
      .lineTo(PAGE_WIDTH - MARGIN, FOOTER_TOP - 8)
      .lineWidth(0.5)
      .stroke(COLORS.rule);
    doc.font('Helvetica').fontSize(7.5).fillColor(COLORS.muted);
    if (d.footer)
      doc.text(winAnsi(d.footer.replace(/\r?\n/g, '  ·  ')), MARGIN, FOOTER_TOP, {
        width: CONTENT_WIDTH - 80,
        height: 30,
        ellipsis: true,
      });
    doc.text(
      `${d.number}  ·  page ${page - range.start + 1} of ${range.count}`,
      PAGE_WIDTH - MARGIN - 160,
      FOOTER_TOP,
      {
        width: 160,
        align: 'right',
        lineBreak: false,
      },
    );
  }
}

/**
 * What the built-in fonts can draw: accents they lack folded ("ő" -> "o"), a narrow no-break space
 * (Intl's grouping in some locales) as a space, other characters as "?", so nothing prints garbage.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (isWinAnsi(char)) out += char;
    else if (/\s/u.test(char)) out += ' ';
    else {
      const folded = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += folded.length > 0 && isWinAnsi(folded) ? folded : '?';
    }
  }
  return out;
}
