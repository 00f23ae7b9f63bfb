import { Anchor, Group, Stack, Text } from '@mantine/core';
import { formatMoney, type InvoiceSummary } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { currentIntlLocale } from '../../i18n/i18n';
import { useOrderInvoices } from './useOrderInvoices';

export interface InvoiceLinksProps {
  orderId: string;
  /** The order's access token (from the reserve answer or the email link); absent: the session. */
  token?: string | null;
}

function hrefOf(item: InvoiceSummary, token: string | null | undefined): string {
  return token ? `${item.pdfUrl}?token=${encodeURIComponent(token)}` : item.pdfUrl;
}

/**
 * "Invoice INV-2026-000001 (PDF)" and one link per credit note of a paid order; nothing while
 * loading, on an error, or for an order without an invoice (unpaid or free).
 */
export function InvoiceLinks({ orderId, token }: InvoiceLinksProps) {
  const { t } = useTranslation();
  const { data } = useOrderInvoices(orderId, token ?? null);
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap={4} aria-label={t('web.checkout.invoices.label')}>
      {items.map((item) => {
        const label =
          item.kind === 'invoice'
            ? t('web.checkout.invoices.invoice', { number: item.number })
            : t('web.checkout.invoices.creditNote', { number: item.number });
        const money = formatMoney(item.amountCents, item.currency, currentIntlLocale());
        // A credit note takes money back: written as the order's refunds are (order-money.ts).
        const amount = item.kind === 'invoice' ? money : `− ${money}`;
        return (
          <Group key={item.id} gap="xs" wrap="nowrap">
            <Anchor
              href={hrefOf(item, token)}
              target="_blank"
              rel="noopener"
              download={`${item.kind === 'invoice' ? 'invoice' : 'credit-note'}-${item.number}.pdf`}
              size="sm"
            >
              {label}
            </Anchor>
            <Text size="sm" c="dimmed">
              {amount}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
