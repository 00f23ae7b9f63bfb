import { describe, expect, it } from 'vitest';
import { collectPdf, createPdfDocument } from './pdf-document';
import { createSegmentCache, recordSegment, replaySegment } from './pdf-segments';

type Doc = PDFKit.PDFDocument;

const CREATED = new Date('2026-12-06T12:00:00Z');

function newDocument(fonts: string[] = []): Doc {
  const doc = createPdfDocument({
    size: 'A4',
    margin: 0,
    info: { Title: 'Segments', CreationDate: CREATED },
  });
  for (const font of fonts) doc.font(font);
  return doc;
}

/** A heading, wrapped text and shapes in two fonts; answers where it ended. */
function drawCard(doc: Doc, top: number): number {
  doc.roundedRect(40, top, 300, 120, 8).fill('#F9FAFB');
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .fillColor('#111827')
    .text('Good to know', 56, top + 14, { width: 268 });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#6B7280')
    .text('Show this ticket on your phone or printed. AVAWAY To Wa. '.repeat(3), 56, top + 36, {
      width: 268,
      lineGap: 2,
    });
  return top + 120;
}

/** Draws with `draw`, then a per-page line in Courier (a font the card does not use), and ends. */
async function page(doc: Doc, draw: (doc: Doc) => void): Promise<Buffer> {
  const done = collectPdf(doc);
  draw(doc);
  doc.font('Courier').fontSize(10).fillColor('#000000').text('per page 42', 40, 400);
  doc.end();
  return done;
}

describe('kept PDF drawing', () => {
  it('replays a drawing into another document as the same bytes as drawing it there', async () => {
    let kept: ReturnType<typeof recordSegment<number>>['segment'];
    const first = await page(newDocument(), (doc) => {
      const recorded = recordSegment(doc, () => drawCard(doc, 60));
      kept = recorded.segment;
      expect(recorded.value).toBe(180);
    });
    expect(kept?.value).toBe(180);
    expect(kept?.fonts.map((font) => font.name)).toEqual(['Helvetica-Bold', 'Helvetica']);

    const replayed = await page(newDocument(), (doc) => {
      expect(kept && replaySegment(doc, kept)).toBe(true);
    });
    const drawn = await page(newDocument(), (doc) => drawCard(doc, 60));
    expect(replayed.equals(drawn)).toBe(true);
    expect(first.equals(drawn)).toBe(true);
  });

  it('draws by key: the first call keeps, the next ones replay and answer what the drawing answered', async () => {
    const same = createSegmentCache();
    const pages: Buffer[] = [];
    for (let i = 0; i < 3; i++) {
      pages.push(
        await page(newDocument(), (doc) => {
          expect(same(doc, 'card@60', () => drawCard(doc, 60))).toBe(180);
        }),
      );
    }
    expect(same.counts).toEqual({ replayed: 2, recorded: 1, drawn: 0 });
    expect(pages[1]?.equals(pages[0] ?? Buffer.alloc(0))).toBe(true);
    expect(pages[2]?.equals(pages[0] ?? Buffer.alloc(0))).toBe(true);
  });

  it('never keeps drawing that adds an object to the file (transparency, a link): it is drawn each time', async () => {
    const same = createSegmentCache();
    const translucent = (doc: Doc) => doc.fillOpacity(0.5).rect(10, 10, 50, 50).fill('#FF0000');
    const linked = (doc: Doc) => doc.link(10, 10, 100, 20, 'https://example.com/');
    for (let i = 0; i < 2; i++) {
      const pdf = await page(newDocument(), (doc) => {
        same(doc, 'translucent', () => translucent(doc));
        same(doc, 'link', () => linked(doc));
      });
      expect(pdf.toString('latin1')).toContain('/ca 0.5');
      expect(pdf.toString('latin1')).toContain('(https://example.com/)');
    }
    expect(same.counts).toEqual({ replayed: 0, recorded: 0, drawn: 4 });
  });

  it('never keeps drawing that uses a resource of its page, even one it did not add (a transparency drawn before)', async () => {
    const same = createSegmentCache();
    for (let i = 0; i < 2; i++) {
      const pdf = await page(newDocument(), (doc) => {
        // The page's transparency state exists before the kept drawing, which only names it again.
        doc.save().fillOpacity(0.5).rect(0, 0, 10, 10).fill('#000000').restore();
        same(doc, 'reuses /Gs1', () => {
          doc.save().fillOpacity(0.5).rect(10, 10, 50, 50).fill('#FF0000').restore();
        });
      });
      expect(pdf.toString('latin1')).toContain('/ca 0.5');
    }
    expect(same.counts).toEqual({ replayed: 0, recorded: 0, drawn: 2 });
  });

  it('keeps no drawing that answers an object (pdfkit answers the document itself): it would outlive its page', async () => {
    const same = createSegmentCache();
    for (let i = 0; i < 2; i++)
      await page(newDocument(), (doc) =>
        same(doc, 'chained', () => doc.rect(10, 10, 50, 50).fill('#FF0000')),
      );
    expect(same.counts).toEqual({ replayed: 0, recorded: 0, drawn: 2 });
  });

  it('draws instead of replaying into a document whose fonts are numbered otherwise', async () => {
    const same = createSegmentCache();
    await page(newDocument(), (doc) => same(doc, 'card', () => drawCard(doc, 60)));
    // Here Courier is opened first, so Helvetica-Bold would not get the id the kept bytes name.
    const otherOrder = await page(newDocument(['Courier']), (doc) =>
      same(doc, 'card', () => drawCard(doc, 60)),
    );
    const drawn = await page(newDocument(['Courier']), (doc) => drawCard(doc, 60));
    expect(otherOrder.equals(drawn)).toBe(true);
    expect(same.counts.replayed).toBe(0);
  });

  it('forgets the oldest drawing past its limit', async () => {
    const same = createSegmentCache(2);
    for (const key of ['a', 'b', 'c', 'a'])
      await page(newDocument(), (doc) => same(doc, key, () => drawCard(doc, 60)));
    expect(same.counts).toEqual({ replayed: 0, recorded: 4, drawn: 0 });
  });
});
