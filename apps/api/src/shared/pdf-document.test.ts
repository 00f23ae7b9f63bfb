import { describe, expect, it } from 'vitest';
import { collectPdf, createPdfDocument, isWinAnsi } from './pdf-document';

const CREATED = new Date('2026-12-05T12:00:00Z');

/** A page that uses several built-in fonts, kerning pairs ("AV", "To", "Wa") and measured text. */
async function sample(shareFontMetrics: boolean): Promise<{ pdf: Buffer; widths: number[] }> {
  const doc = createPdfDocument({
    size: 'A4',
    margin: 0,
    info: { Title: 'Sample', CreationDate: CREATED },
    shareFontMetrics,
  });
  const done = collectPdf(doc);
  const widths: number[] = [];
  doc.fontSize(12).text('AVAWAY To Wa Yo - Helvetica by default', 40, 40);
  doc.font('Helvetica-Bold').fontSize(18).text('Midnight Jazz at Le Caveau', 40, 80, { width: 200 });
  widths.push(doc.widthOfString('AVAWAY To Wa'));
  doc.font('Courier-Bold').fontSize(28).text('7K3M-9PQZ', 40, 160);
  widths.push(doc.widthOfString('7K3M-9PQZ'));
  doc
    .font('Helvetica')
    .fontSize(8)
    .text('Zoë Martin, Général – Standing', 40, 220, { width: 120, ellipsis: true });
  widths.push(doc.widthOfString('Zoë Martin'));
  // The same texts again at other sizes and spacing: measured once per thread, scaled per use.
  doc.font('Helvetica').fontSize(21).text('AVAWAY To Wa Yo - Helvetica by default', 40, 260, { width: 300 });
  widths.push(doc.fontSize(7.5).widthOfString('AVAWAY To Wa'));
  doc.text('AVAWAY To Wa Yo - Helvetica by default', 40, 320, { width: 400, align: 'justify' });
  doc.fontSize(11).text('Midnight Jazz at Le Caveau', 40, 340, { characterSpacing: 1.5 });
  doc.addPage();
  doc.font('Helvetica-Bold').text('Page two', 40, 40);
  doc.end();
  return { pdf: await done, widths };
}

describe('createPdfDocument', () => {
  it('writes the same bytes and measures the same widths with shared font metrics as without', async () => {
    const parsedPerDocument = await sample(false);
    // Twice: the first shared document parses the fonts for the thread, the second reuses them.
    const first = await sample(true);
    const second = await sample(true);
    expect(first.pdf.equals(parsedPerDocument.pdf)).toBe(true);
    expect(second.pdf.equals(parsedPerDocument.pdf)).toBe(true);
    expect(second.widths).toEqual(parsedPerDocument.widths);
  });

  it('parses a built-in font once: two documents hold the same metrics object', () => {
    const metricsOf = (doc: PDFKit.PDFDocument) => (doc as unknown as { _font: { font: object } })._font.font;
    const a = createPdfDocument({ size: 'A4' });
    const b = createPdfDocument({ size: 'A4' });
    expect(metricsOf(a)).toBe(metricsOf(b));
    expect(metricsOf(a.font('Courier-Bold'))).toBe(metricsOf(b.font('Courier-Bold')));
    // Without sharing, each document parses its own (what pdfkit does).
    const c = createPdfDocument({ size: 'A4', shareFontMetrics: false });
    expect(metricsOf(c)).not.toBe(metricsOf(a));
  });

  it('keeps documents apart: each one written at the same time gets its own font objects', async () => {
    const a = createPdfDocument({ size: 'A4', info: { CreationDate: CREATED } });
    const b = createPdfDocument({ size: 'A4', info: { CreationDate: CREATED } });
    const done = [collectPdf(a), collectPdf(b)];
    // Interleaved: b's fonts must not take the references a's file gave them.
    a.font('Helvetica-Bold').text('A', 10, 10);
    b.font('Courier-Bold').text('B', 10, 10);
    b.font('Helvetica-Bold').text('B', 10, 30);
    a.font('Courier-Bold').text('A', 10, 30);
    a.end();
    b.end();
    for (const pdf of await Promise.all(done)) {
      const text = pdf.toString('latin1');
      // Helvetica (the default), Helvetica-Bold and Courier-Bold, each written once per file.
      expect(text.match(/\/BaseFont \/Helvetica-Bold/g)).toHaveLength(1);
      expect(text.match(/\/BaseFont \/Courier-Bold/g)).toHaveLength(1);
    }
  });

  it('still opens fonts that are not built in the usual way (an unknown name fails as before)', () => {
    const doc = createPdfDocument({ size: 'A4' });
    expect(() => doc.font('No-Such-Font-File.ttf')).toThrow();
  });
});

describe('isWinAnsi', () => {
  it('accepts what the built-in fonts draw and refuses the rest', () => {
    expect(isWinAnsi('Zoë – Café €5 “quoted”')).toBe(true);
    expect(isWinAnsi('Łódź')).toBe(false);
    expect(isWinAnsi('🎷')).toBe(false);
    expect(isWinAnsi('tab\there')).toBe(false);
  });
});
