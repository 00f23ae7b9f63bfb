import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CsvColumn, csvFilename, downloadCsv, toCsv } from './csv';

interface Row {
  name: string;
  count: number;
  note?: string | null;
}

const COLUMNS: Array<CsvColumn<Row>> = [
  { header: 'name', value: (row) => row.name },
  { header: 'count', value: (row) => row.count },
  { header: 'note', value: (row) => row.note },
];

afterEach(() => vi.restoreAllMocks());

describe('toCsv', () => {
  it('writes a BOM, a header line and CRLF lines', () => {
    expect(toCsv([{ name: 'Café', count: 3 }], COLUMNS)).toBe('\uFEFFname,count,note\r\nCafé,3,\r\n');
    expect(toCsv([], COLUMNS)).toBe('\uFEFFname,count,note\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    const csv = toCsv([{ name: 'Poster, "big"', count: 1, note: 'two\nlines' }], COLUMNS);
    expect(csv.split('\r\n')[1]).toBe('"Poster, ""big""",1,"two\nlines"');
  });

  it('never lets a text cell run as a formula, but keeps negative numbers as numbers', () => {
    const rows: Row[] = [
      { name: '=HYPERLINK("http://evil")', count: -5 },
      { name: '+1', count: 0, note: '@SUM(A1)' },
      { name: '-2', count: 1, note: '\tx' },
    ];
    const lines = toCsv(rows, COLUMNS).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"")",-5,`);
    expect(lines[2]).toBe(`'+1,0,'@SUM(A1)`);
    expect(lines[3]).toBe(`'-2,1,'\tx`);
  });

  it('leaves empty cells for what has no value', () => {
    expect(toCsv([{ name: 'x', count: Number.NaN, note: undefined }], COLUMNS).split('\r\n')[1]).toBe('x,,');
  });
});

describe('csvFilename', () => {
  it('makes a plain name with the day', () => {
    expect(csvFilename(['Harbour Lights Run', 'sources'], new Date(2027, 2, 14, 23, 30))).toBe(
      'harbour-lights-run-sources-2027-03-14.csv',
    );
    expect(csvFilename(['Fête à Noël!'], new Date(2027, 0, 2))).toBe('fete-a-noel-2027-01-02.csv');
    expect(csvFilename(['***'], new Date(2027, 0, 2))).toBe('export-2027-01-02.csv');
  });
});

describe('downloadCsv', () => {
  it('clicks a download link to a CSV blob, then lets it go', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    downloadCsv('sources.csv', toCsv([{ name: 'x', count: 1 }], COLUMNS));
    expect(clicked).toEqual([{ href: 'blob:report', download: 'sources.csv' }]);
    const blob = createObjectURL.mock.calls[0]?.[0];
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    // Read as bytes: text() would drop the BOM it decodes.
    const bytes = new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('name,count,note\r\nx,1,\r\n');
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
