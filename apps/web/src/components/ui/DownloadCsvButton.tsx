import { Button, VisuallyHidden } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { type CsvColumn, csvFilename, downloadCsv, toCsv } from './csv';

/**
 * "Export CSV" for data already on the page: the file is built in the browser. `what` completes the
 * name for screen readers ("Export CSV of sources"), as a page has several.
 */
export function DownloadCsvButton<Row>({
  what,
  filename,
  rows,
  columns,
}: {
  what: string;
  /** Words of the file's name; the date is added. */
  filename: ReadonlyArray<string>;
  rows: readonly Row[];
  columns: ReadonlyArray<CsvColumn<Row>>;
}) {
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconDownload size={14} aria-hidden />}
      disabled={rows.length === 0}
      onClick={() => downloadCsv(csvFilename(filename), toCsv(rows, columns))}
    >
      Export CSV <VisuallyHidden component="span">of {what}</VisuallyHidden>
    </Button>
  );
}
