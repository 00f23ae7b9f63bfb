import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * CSV built in the browser from data already on the page (a report's tables), written like the API's
 * own exports (apps/api csv-export.ts, csv-stringify too): UTF-8 with a BOM so spreadsheets read
 * accents right, CRLF lines, snake_case headers, money as an exact decimal beside a `currency`
 * column, and no text cell a spreadsheet would run as a formula.
 */

export type CsvValue = string | number | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

/** What a spreadsheet reads as the start of a formula (csv-stringify's `escape_formulas` set). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A number is ours (a count, an amount): a negative one is a figure, kept as is. Text may come from
 * anyone (a campaign name in a link, a referrer): never a formula. (csv-stringify's own
 * escape_formulas would also escape a negative number.)
 */
function cellOf(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The whole file, header line first. */
export function toCsv<Row>(rows: readonly Row[], columns: ReadonlyArray<CsvColumn<Row>>): string {
  const records = [
    columns.map((column) => cellOf(column.header)),
    ...rows.map((row) => columns.map((column) => cellOf(column.value(row)))),
  ];
  // A line break of either kind inside a cell is quoted too (by default only the record delimiter is).
  return stringify(records, { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** A file name from words and a date: "harbour-run-sources-2027-03-14.csv". */
export function csvFilename(parts: ReadonlyArray<string>, date = new Date()): string {
  const slug = parts
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  // The viewer's own calendar day: the day they downloaded it.
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  return `${slug || 'export'}-${day}.csv`;
}

/** Hands the file to the browser's downloads, as a link to a short-lived object URL. */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: some browsers read the URL asynchronously.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
