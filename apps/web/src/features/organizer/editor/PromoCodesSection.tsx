import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import type { Event, PromoCode } from '@zevents/contracts';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { formatCount, formatMoney } from '../lib/money';
import { formatInZone } from '../lib/zoned-time';
import { useCreatePromoCode } from '../mutations/useCreatePromoCode';
import { usePromoCodes } from '../queries/usePromoCodes';
import { PromoCodeForm } from './PromoCodeForm';

function discountLabel(code: PromoCode, currency: string): string {
  if (code.percentOff !== null) return `${code.percentOff}% off`;
  if (code.amountOffCents !== null) return `${formatMoney(code.amountOffCents, currency)} off`;
  return '—';
}

function windowLabel(code: PromoCode, timeZone: string): string {
  const fmt = (iso: string) => formatInZone(iso, timeZone, { dateStyle: 'medium' });
  if (code.validFrom && code.validUntil) return `${fmt(code.validFrom)} – ${fmt(code.validUntil)}`;
  if (code.validFrom) return `From ${fmt(code.validFrom)}`;
  if (code.validUntil) return `Until ${fmt(code.validUntil)}`;
  return 'Always';
}

/** Discount codes of the event and how often each was used. */
export function PromoCodesSection({ event, editable }: { event: Event; editable: boolean }) {
  const codes = usePromoCodes(event.id);
  const create = useCreatePromoCode(event.id);
  const [opened, { open, close }] = useDisclosure(false);
  const typeName = new Map((event.ticketTypes ?? []).map((t) => [t.id, t.name]));
  const items = codes.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Buyers enter these at checkout for a discount.
        </Text>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={open}>
            New promo code
          </Button>
        )}
      </Group>
      {codes.isPending ? (
        <LoadingState label="Loading promo codes…" />
      ) : codes.isError ? (
        <ErrorState error={codes.error} onRetry={() => void codes.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No promo codes">
          Create one for early birds, partners or your newsletter.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" className="ze-table-glass" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Discount</Table.Th>
                <Table.Th>Used</Table.Th>
                <Table.Th>Valid</Table.Th>
                <Table.Th>Applies to</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((code) => (
                <Table.Tr key={code.id}>
                  <Table.Td>
                    <Text ff="monospace" fw={700}>
                      {code.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" radius="sm">
                      {discountLabel(code, event.currency)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {formatCount(code.uses)}
                    {code.maxUses !== null && (
                      <Text span c="dimmed">
                        {' '}
                        / {formatCount(code.maxUses)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{windowLabel(code, event.timezone)}</Table.Td>
                  <Table.Td>
                    {code.ticketTypeIds.length === 0
                      ? 'All ticket types'
                      : code.ticketTypeIds.map((id) => typeName.get(id) ?? 'Removed type').join(', ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={opened} onClose={close} title="New promo code" size="lg" centered radius="xl">
        <PromoCodeForm
          currency={event.currency}
          timeZone={event.timezone}
          ticketTypes={event.ticketTypes ?? []}
          onCancel={close}
          onSubmit={async (body) => {
            await create.mutateAsync(body);
            notifications.show({ color: 'teal', message: `Promo code ${body.code} created` });
            close();
          }}
        />
      </Modal>
    </Stack>
  );
}
