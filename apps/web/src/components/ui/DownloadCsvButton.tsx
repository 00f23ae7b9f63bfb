import { Button, VisuallyHidden } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconDownload size={14} aria-hidden />}
      disabled={rows.length === 0}
      onClick={() => downloadCsv(csvFilename(filename), toCsv(rows, columns))}
    >
      {t('web.org.core.shared.exportCsv')}{' '}
      <VisuallyHidden component="span">{t('web.org.core.shared.exportCsvOf', { what })}</VisuallyHidden>
    </Button>
  );
}
