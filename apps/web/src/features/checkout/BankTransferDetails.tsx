import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { formatMoney, type OrderBankTransfer } from '@zevents/contracts';
import { formatDateTime, viewerTimeZone } from '../../components/ui/format';
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
  return (
    <section aria-labelledby="transfer-title">
      <GlassCard p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <IconBuildingBank size={24} aria-hidden style={{ flex: 'none' }} />
            <Title order={2} size="h3" id="transfer-title">
              Transfer details
            </Title>
          </Group>
          <Stack gap={8} data-testid="bank-transfer-details">
            <Detail label="Amount" value={formatMoney(transfer.amountCents, transfer.currency)} />
            <Detail label="Reference" value={transfer.reference} isCode />
            <Detail label="Pay by" value={formatDateTime(transfer.deadline, viewerTimeZone())} />
          </Stack>
          <div>
            <Text size="sm" fw={600} mb={4}>
              Transfer to
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
          <Alert color="indigo" variant="light" title="Put the reference on your transfer">
            Write <b>{transfer.reference}</b> in the reference field so the organizer can match your payment.
            Your tickets are held until the deadline and arrive by email once the transfer is received.
          </Alert>
        </Stack>
      </GlassCard>
    </section>
  );
}
