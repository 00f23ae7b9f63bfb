import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { formatMoney, type OrderBankTransfer } from '@zevents/contracts';
import { Trans, useTranslation } from 'react-i18next';
import { formatDateTime, viewerTimeZone } from '../../components/ui/format';
import { currentIntlLocale } from '../../i18n/i18n';
import { GlassCard } from '../../components/ui/GlassCard';

function Detail({ label, value, isCode }: { label: string; value: string; isCode?: boolean }) {
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text
        fw={700}
        ff={isCode ? 'monospace' : undefined}
        style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }}
      >
        {value}
      </Text>
    </Group>
  );
}

/** What a buyer paying by bank transfer needs: amount, reference, account and deadline. */
export function BankTransferDetails({ transfer }: { transfer: OrderBankTransfer }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="transfer-title">
      <GlassCard p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <IconBuildingBank size={24} aria-hidden style={{ flex: 'none' }} />
            <Title order={2} size="h3" id="transfer-title">
              {t('web.checkout.bank.detailsTitle')}
            </Title>
          </Group>
          <Stack gap={8} data-testid="bank-transfer-details">
            <Detail
              label={t('web.checkout.bank.amount')}
              value={formatMoney(transfer.amountCents, transfer.currency, currentIntlLocale())}
            />
            <Detail label={t('web.checkout.bank.reference')} value={transfer.reference} isCode />
            <Detail
              label={t('web.checkout.bank.payBy')}
              value={formatDateTime(transfer.deadline, viewerTimeZone())}
            />
          </Stack>
          <div>
            <Text size="sm" fw={600} mb={4}>
              {t('web.checkout.bank.transferTo')}
            </Text>
            <Text
              component="pre"
              size="sm"
              m={0}
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit' }}
            >
              {transfer.instructions}
            </Text>
          </div>
          <Alert color="indigo" variant="light" title={t('web.checkout.bank.referenceTitle')}>
            <Trans
              i18nKey="web.checkout.bank.referenceBody"
              values={{ reference: transfer.reference }}
              components={{ b: <b /> }}
            />
          </Alert>
        </Stack>
      </GlassCard>
    </section>
  );
}
