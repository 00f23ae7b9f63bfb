import { Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { invoiceNumberPreview } from './invoice-number';

/** The numbering as invoices will print it, updated as the prefix is typed. */
export function InvoiceNumberPreview({ prefix, year }: { prefix: string; year: number }) {
  const { t } = useTranslation();
  const preview = invoiceNumberPreview(prefix, year);
  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-body)">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconFileInvoice size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed">
            {t('web.org.settings.billing.profile.previewLabel')}
          </Text>
          {/* Polite: a screen reader hears the new number once typing pauses. */}
          <Text ff="monospace" fw={600} style={{ whiteSpace: 'nowrap' }} aria-live="polite">
            {preview ?? '—'}
          </Text>
          <Text size="xs" c="dimmed">
            {t('web.org.settings.billing.profile.previewHint')}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
