import { Button, TextInput } from '@mantine/core';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The CSV download of a list, with the list's current filter in `href`. */
export function ExportCsvButton({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={href} download variant="default" leftSection={<IconDownload size={18} />}>
      {t('web.org.core.shared.exportCsv')}
    </Button>
  );
}

/** A list's search box: the placeholder shows what it searches, the label says it to screen readers. */
export function SearchInput({
  label,
  placeholder,
  value,
  onChange,
  minWidth,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  minWidth: number;
}) {
  return (
    <TextInput
      placeholder={placeholder}
      aria-label={label}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      style={{ flex: `1 1 ${minWidth}px` }}
    />
  );
}
