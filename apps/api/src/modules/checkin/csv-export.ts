import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Cursor } from '../../shared/pagination';

/** Rows per query while exporting: large enough to be quick, small enough to keep memory flat. */
export const EXPORT_BATCH_SIZE = 1_000;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null;
}

/**
 * Walks a keyset-paginated query batch after batch. The next batch is fetched only when the
 * consumer asks for more rows, so a slow client slows the export down instead of filling memory.
 */
export async function* keysetBatches<Row>(
  fetchBatch: (limit: number, after: Cursor | undefined) => Promise<Row[]>,
  cursorOf: (row: Row) => Cursor,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<Row> {
  let after: Cursor | undefined;
  for (;;) {
    const rows = await fetchBatch(batchSize, after);
    yield* rows;
    const last = rows[rows.length - 1];
    if (rows.length < batchSize || !last) return;
    after = cursorOf(last);
  }
}

/**
 * Streams rows as CSV (UTF-8 with a BOM so spreadsheets read accents right). Cells that a
 * spreadsheet would run as a formula (= + - @, tab, carriage return) get a leading apostrophe.
 */
export async function writeCsv<Row>(
  rows: AsyncIterable<Row>,
  columns: ReadonlyArray<CsvColumn<Row>>,
  out: Writable,
): Promise<void> {
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: columns.map((column) => column.header),
    escape_formulas: true,
    record_delimiter: 'windows',
  });
  async function* records() {
    for await (const row of rows) yield columns.map((column) => column.value(row) ?? '');
  }
  await pipeline(Readable.from(records()), stringifier, out);
}
