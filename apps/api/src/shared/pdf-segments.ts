type Doc = PDFKit.PDFDocument;

/**
 * Drawing that comes out the same on every page of a run (a ticket's title band, labels and advice,
 * the same for each of an event's thousands of tickets) is drawn once and its page operators kept;
 * later pages write those bytes as they are, skipping pdfkit's text layout, measuring and
 * formatting. A replayed page is byte for byte the page pdfkit would have drawn
 * (pdf-segments.test.ts and ticket-pdf.test.ts compare them).
 *
 * Only drawing that writes page operators and uses the built-in fonts is kept: a segment that adds
 * or names an image, a link, a transparency or any other object of the file is drawn every time. The
 * pdfkit internals it reads are checked when the segment is recorded; a shape it does not know means
 * no segment, and pages are drawn as before.
 */
export interface PdfSegment<T> {
  /** The page operators, exactly as pdfkit wrote them (one line each). */
  bytes: Buffer;
  /** Built-in fonts the drawing opened in this document, in order, with the ids they got. */
  opened: FontId[];
  /**
   * Every font the operators name, in the order they first appear: replay checks each is the same
   * font under the same id and adds those the page lacks, in that order, as drawing would.
   */
  fonts: FontId[];
  /** Current font and size when the drawing ended: what later drawing would have found. */
  endFont: { name: string; size: number };
  /** What the drawing returned (a height, a position) for the caller to go on with. */
  value: T;
}

interface FontId {
  name: string;
  id: string;
}

interface FontObject {
  id: string;
  name: string;
  ref(): unknown;
}

interface DocInternals {
  _font: FontObject;
  _fontCount: number;
  _fontFamilies: Record<string, FontObject | undefined>;
  _fontSize: number;
  _offsets: unknown[];
  page: { resources: { data: Record<string, unknown> }; dictionary: { data: Record<string, unknown> } };
  addContent(data: string | Uint8Array): Doc;
}

function internalsOf(doc: Doc): DocInternals | undefined {
  const candidate = doc as unknown as Partial<DocInternals>;
  const page = candidate.page as Partial<DocInternals['page']> | undefined;
  return candidate._font &&
    typeof candidate._font.id === 'string' &&
    typeof candidate._font.name === 'string' &&
    typeof candidate._fontSize === 'number' &&
    typeof candidate._fontCount === 'number' &&
    typeof candidate._fontFamilies === 'object' &&
    Array.isArray(candidate._offsets) &&
    typeof page?.resources?.data === 'object' &&
    typeof page.dictionary?.data === 'object'
    ? (candidate as DocInternals)
    : undefined;
}

/** The page's resources and objects apart from fonts: a kept segment must not add any. */
function footprint(internals: DocInternals): string {
  const { resources, dictionary } = internals.page;
  const counts = Object.entries(resources.data)
    .filter(([key]) => key !== 'Font' && key !== 'ProcSet')
    .map(([key, value]) => `${key}:${typeof value === 'object' && value ? Object.keys(value).length : 0}`);
  const annotations = dictionary.data.Annots;
  return `${counts.join(',')}|${Array.isArray(annotations) ? annotations.length : 0}`;
}

const FONT_OPERATOR = /^\/(F\d+) [-\d.]+ Tf$/;
/**
 * The names an operator may use in kept drawing: fonts (checked on replay) and device colour
 * spaces. Any other name (a transparency's `/Gs1 gs`, an image's `/I1 Do`, a pattern) points at a
 * resource of the page the drawing happened on, which another page may not have.
 */
const KEEPABLE_NAME = /^\/(F\d+|DeviceRGB|DeviceGray|DeviceCMYK)$/;

function isKeepableLine(line: string): boolean {
  for (const token of line.split(/\s+/))
    if (token.startsWith('/') && !KEEPABLE_NAME.test(token)) return false;
  return true;
}

function fontNumber(font: FontObject): number {
  return Number(font.id.slice(1));
}

/** The document's fonts by id (pdfkit keeps them by name, some under two names). */
function fontsById(internals: DocInternals): Map<string, FontObject> {
  const byId = new Map<string, FontObject>();
  for (const font of Object.values(internals._fontFamilies)) if (font) byId.set(font.id, font);
  return byId;
}

/**
 * Runs `draw` on the page and keeps what it wrote, or only runs it (no segment) when the drawing
 * cannot be kept: it added something other than operators and font references, or pdfkit's
 * internals are not what this module knows.
 */
export function recordSegment<T>(doc: Doc, draw: () => T): { value: T; segment?: PdfSegment<T> } {
  const internals = internalsOf(doc);
  if (!internals) return { value: draw() };
  const lines: string[] = [];
  let isKeepable = true;
  const write = internals.addContent;
  internals.addContent = (data) => {
    // One operator a call as pdfkit writes them; a string of several lines is taken apart.
    if (typeof data === 'string') lines.push(...data.split('\n'));
    else isKeepable = false;
    return write.call(doc, data);
  };
  const objectsBefore = internals._offsets.length;
  const fontCountBefore = internals._fontCount;
  const before = footprint(internals);
  let value: T;
  try {
    value = draw();
  } finally {
    internals.addContent = write;
  }
  if (!isKeepable || footprint(internals) !== before || !lines.every(isKeepableLine)) return { value };
  // Only plain data is handed back on replay: an object (pdfkit's chained calls return the document)
  // would keep the first page's document alive and hand it to the next.
  if (typeof value === 'object' && value !== null) return { value };

  const byId = fontsById(internals);
  const opened = [...byId.values()]
    .filter((font) => fontNumber(font) > fontCountBefore)
    .sort((a, b) => fontNumber(a) - fontNumber(b))
    .map(({ name, id }) => ({ name, id }));
  const fonts: FontId[] = [];
  for (const line of lines) {
    const id = FONT_OPERATOR.exec(line)?.[1];
    if (!id || fonts.some((font) => font.id === id)) continue;
    const font = byId.get(id);
    if (!font) return { value };
    fonts.push({ name: font.name, id });
  }
  // Every font opened got its number, and the only new objects are the fonts' dictionaries.
  const isWhole =
    internals._fontCount - fontCountBefore === opened.length &&
    internals._offsets.length - objectsBefore <= fonts.length;
  if (!isWhole) return { value };
  return {
    value,
    segment: {
      bytes: Buffer.from(lines.map((line) => `${line}\n`).join(''), 'latin1'),
      opened,
      fonts,
      endFont: { name: internals._font.name, size: internals._fontSize },
      value,
    },
  };
}

/**
 * Writes a kept segment onto the page, opening and referencing its fonts as drawing it would have.
 * False, with nothing written, when this document would number a font differently: the caller draws.
 * The current font and size are left as drawing would leave them; the fill colour and the text
 * position (`doc.x`, `doc.y`) are not: drawing after a kept segment sets its own, as ticket-pdf does.
 */
export function replaySegment<T>(doc: Doc, segment: PdfSegment<T>): boolean {
  const internals = internalsOf(doc);
  if (!internals) return false;
  const expected = internals._fontCount + 1;
  // A document in another state than the recorded one (fonts opened in another order): draw instead.
  if (segment.opened.some((font, index) => font.id !== `F${expected + index}`)) return false;
  if (segment.opened.some((font) => internals._fontFamilies[font.name] !== undefined)) return false;
  // A font the segment names but did not open must be the same font under the same id here.
  const known = fontsById(internals);
  const isOpenedHere = (id: string) => segment.opened.some((font) => font.id === id);
  if (segment.fonts.some(({ name, id }) => !isOpenedHere(id) && known.get(id)?.name !== name)) return false;

  for (const { name } of segment.opened) doc.font(name);
  const byId = fontsById(internals);
  for (const { id } of segment.fonts) {
    // The getter pdfkit's own text drawing uses: it adds the page's font dictionary on first use,
    // where drawing would have (the order of the page's resources is part of the file's bytes).
    const onPage = (doc.page as unknown as { fonts: Record<string, unknown> }).fonts;
    const font = byId.get(id);
    if (font && onPage[id] === undefined) onPage[id] = font.ref();
  }
  internals.addContent(segment.bytes);
  doc.font(segment.endFont.name).fontSize(segment.endFont.size);
  return true;
}

/** How often a segment cache replayed, drew and kept, and drew what it cannot keep. */
export interface SegmentCounts {
  replayed: number;
  recorded: number;
  drawn: number;
}

/**
 * A run's segments by key: the first call with a key draws and keeps, later ones replay. The key
 * must name everything the drawing depends on (its texts, its position, its styles).
 */
export function createSegmentCache(limit = 64) {
  const segments = new Map<string, PdfSegment<unknown> | null>();
  const counts: SegmentCounts = { replayed: 0, recorded: 0, drawn: 0 };
  function drawKept<T>(doc: Doc, key: string, draw: () => T): T {
    const kept = segments.get(key) as PdfSegment<T> | null | undefined;
    if (kept && replaySegment(doc, kept)) {
      counts.replayed++;
      // Least recently used goes first: an event's many stub positions never push out its header.
      segments.delete(key);
      segments.set(key, kept);
      return kept.value;
    }
    if (kept === null) {
      counts.drawn++;
      return draw();
    }
    // Not kept yet, or kept in a state this document is not in: drawn, and kept as this one drew it.
    const { value, segment } = recordSegment(doc, draw);
    // Kept again under its own key (a replay refused), nothing else has to go.
    if (!segments.delete(key) && segments.size >= limit) segments.delete(segments.keys().next().value ?? '');
    segments.set(key, segment ?? null);
    if (segment) counts.recorded++;
    else counts.drawn++;
    return value;
  }
  return Object.assign(drawKept, { counts });
}
