import PDFDocument from 'pdfkit';

type Doc = PDFKit.PDFDocument;

/**
 * A pdfkit document whose built-in fonts share their parsed metrics with every other document of this
 * thread. pdfkit parses a built-in font's metrics (widths and ~2,700 kerning pairs) again for every
 * document that uses it: ~1 ms per font, a fifth of a ticket PDF's CPU in a sale's confirmations.
 * The parsed metrics are read-only after parsing; what belongs to one document (its id in the file,
 * its reference, whether it was written) stays on a per-document copy, taken in the same order and
 * numbered as pdfkit would, so the bytes are the same (pdf-document.test.ts compares them).
 *
 * It relies on two pdfkit internals (`_fontFamilies`, `_fontCount`) and the shape of its standard
 * font objects; if a pdfkit upgrade changes them, documents simply parse their fonts as before.
 */
export function createPdfDocument(options: PDFKit.PDFDocumentOptions & { shareFontMetrics?: boolean }): Doc {
  const { shareFontMetrics = true, ...pdfOptions } = options;
  if (!shareFontMetrics) return new PDFDocument(pdfOptions);
  // No default font and no first page yet: both come below, once font() shares metrics, in the
  // order the constructor would have made them (font F1, then the page).
  const doc = new PDFDocument({ ...pdfOptions, font: null as unknown as string, autoFirstPage: false });
  const internals = fontInternalsOf(doc);
  if (internals) {
    const open = doc.font.bind(doc);
    const font = (src: PDFKit.Mixins.PDFFontSource, family?: string | number, size?: number) => {
      if (typeof src === 'string' && !internals._fontFamilies[src]) {
        const shared = sharedStandardFont(src);
        if (shared) internals._fontFamilies[src] = shared.forDocument(doc, `F${++internals._fontCount}`);
      }
      if (typeof family === 'string') return open(src, family, size);
      return open(src, typeof family === 'number' ? family : size);
    };
    doc.font = font as Doc['font'];
  }
  doc.font(options.font ?? 'Helvetica');
  if (options.autoFirstPage !== false) doc.addPage();
  return doc;
}

/** The document's bytes once it has ended. */
export function collectPdf(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

// The built-in PDF fonts draw Windows-1252 only: these code points beyond Latin-1 are in it too.
const WIN_ANSI_EXTRAS = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Whether the built-in fonts can draw every character of `text` (printable Windows-1252). */
export function isWinAnsi(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const ok = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(code);
    if (!ok) return false;
  }
  return true;
}

interface FontInternals {
  _fontFamilies: Record<string, object | undefined>;
  _fontCount: number;
}

function fontInternalsOf(doc: Doc): FontInternals | undefined {
  const candidate = doc as unknown as Partial<FontInternals>;
  return typeof candidate._fontFamilies === 'object' &&
    candidate._fontFamilies !== null &&
    typeof candidate._fontCount === 'number'
    ? (candidate as FontInternals)
    : undefined;
}

/** What a pdfkit standard font object holds besides its document, id and reference. */
const METRIC_FIELDS = ['name', 'font', 'ascender', 'descender', 'bbox', 'lineGap', 'xHeight', 'capHeight'];

interface SharedFont {
  forDocument(doc: Doc, id: string): object;
}

const sharedFonts = new Map<string, SharedFont | null>();

/** The built-in font `name` parsed once for this thread; null for anything else (a file, a buffer). */
function sharedStandardFont(name: string): SharedFont | null {
  const known = sharedFonts.get(name);
  if (known !== undefined) return known;
  let shared: SharedFont | null = null;
  if (BUILT_IN_FONTS.has(name)) {
    const probe = new PDFDocument({ font: name, autoFirstPage: false });
    const template = (probe as unknown as { _font?: Record<string, unknown> })._font;
    const isStandard =
      template !== undefined &&
      METRIC_FIELDS.every((field) => field in template) &&
      template.name === name &&
      typeof template.font === 'object';
    if (template && isStandard) {
      const prototype = Object.getPrototypeOf(template) as StandardFontMethods;
      const metrics = {
        ...Object.fromEntries(METRIC_FIELDS.map((field) => [field, template[field]])),
        ...memoizedMeasures(prototype),
      };
      shared = {
        forDocument: (doc, id) =>
          Object.assign(Object.create(prototype) as object, metrics, { document: doc, id }),
      };
    }
  }
  sharedFonts.set(name, shared);
  return shared;
}

/** The two measuring methods of pdfkit's StandardFont (AFM metrics: no OpenType features). */
interface StandardFontMethods {
  encode(this: object, text: string, features?: unknown): [string[], object[]];
  widthOfString(this: object, text: string, size: number, features?: unknown): number;
}

/** Distinct texts remembered per font; past it the memo starts again (a ticket draws ~60). */
const MEASURES_KEPT = 4096;

/**
 * pdfkit measures a text glyph by glyph, looking up each kerning pair by a string it builds
 * (`left + '\0' + right`): a sixth of a ticket's CPU, spent again on every ticket for the same
 * labels, advice, event title and words of the line wrapper. The built-in fonts' metrics never
 * change, so a text's glyph codes and advances, and its width at 1,000 units, are worked out once
 * per thread. The width is scaled as pdfkit scales it (`width * (size / 1000)`), so every number,
 * and the bytes of the file, stay the same (pdf-document.test.ts). pdfkit only reads what encode
 * returns (a word-spaced line concatenates copies), so the remembered arrays are shared.
 */
function memoizedMeasures(font: StandardFontMethods): StandardFontMethods {
  const encoded = new Map<string, [string[], object[]]>();
  const widths = new Map<string, number>();
  return {
    encode(text, features) {
      if (typeof text !== 'string') return font.encode.call(this, text, features);
      let result = encoded.get(text);
      if (result === undefined) {
        result = font.encode.call(this, text, features);
        if (encoded.size >= MEASURES_KEPT) encoded.clear();
        encoded.set(text, result);
      }
      return result;
    },
    widthOfString(text, size, features) {
      if (typeof text !== 'string') return font.widthOfString.call(this, text, size, features);
      let width = widths.get(text);
      if (width === undefined) {
        // At 1,000 units pdfkit's scale is exactly 1: the unscaled sum of the advances.
        width = font.widthOfString.call(this, text, 1000, features);
        if (widths.size >= MEASURES_KEPT) widths.clear();
        widths.set(text, width);
      }
      return width * (size / 1000);
    },
  };
}

const BUILT_IN_FONTS = new Set([
  'Courier',
  'Courier-Bold',
  'Courier-BoldOblique',
  'Courier-Oblique',
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-BoldOblique',
  'Helvetica-Oblique',
  'Symbol',
  'Times-Bold',
  'Times-BoldItalic',
  'Times-Italic',
  'Times-Roman',
  'ZapfDingbats',
]);
