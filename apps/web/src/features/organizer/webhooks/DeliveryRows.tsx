import {
  ActionIcon,
  Button,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useId } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import type { WebhookDelivery } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { PhoneCards } from '../../../components/ui/PagedList';
import { DeliveryDetail } from './DeliveryDetail';
import { DeliveryStatusBadge } from './DeliveryStatusBadge';
import { durationLabel, formatDeliveryTime, responseLabel } from './delivery-outcome';
import { RedeliverButton } from './RedeliverButton';

/** The table's columns: catalog keys, written out whole for the catalog check. */
const COLUMNS = [
  'web.org.settings.webhooks.rows.time',
  'web.org.settings.webhooks.rows.event',
  'web.org.settings.webhooks.rows.status',
  'web.org.settings.webhooks.rows.response',
  'web.org.settings.webhooks.rows.attempts',
  'web.org.settings.webhooks.rows.nextAttempt',
] as const;

function nextAttempt(delivery: WebhookDelivery): string {
  return delivery.nextAttemptAt ? formatDeliveryTime(delivery.nextAttemptAt) : '—';
}

interface DetailsToggleProps {
  delivery: WebhookDelivery;
  isOpen: boolean;
  onToggle: () => void;
  controls: string;
}

/** Which delivery a toggle opens, for a screen reader's list of buttons. */
const detailsLabel = (delivery: WebhookDelivery) =>
  i18n.t('web.org.settings.webhooks.rows.detailsOf', {
    type: delivery.eventType,
    time: formatDeliveryTime(delivery.createdAt),
  });

/** Opens the answer under the row: an icon, so the row's actions fit beside seven columns. */
function DetailsIconToggle({ delivery, isOpen, onToggle, controls }: DetailsToggleProps) {
  const { t } = useTranslation();
  return (
    <Tooltip
      label={
        isOpen ? t('web.org.settings.webhooks.rows.hideDetails') : t('web.org.settings.webhooks.rows.details')
      }
    >
      <ActionIcon
        variant="subtle"
        size="lg"
        onClick={onToggle}
        aria-expanded={isOpen}
        aria-controls={isOpen ? controls : undefined}
        aria-label={detailsLabel(delivery)}
      >
        {isOpen ? <IconChevronUp size={18} /> : <IconChevronDown size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}

function DetailsButtonToggle({ delivery, isOpen, onToggle, controls }: DetailsToggleProps) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-sm"
      variant="light"
      onClick={onToggle}
      aria-expanded={isOpen}
      aria-controls={isOpen ? controls : undefined}
      aria-label={detailsLabel(delivery)}
      rightSection={isOpen ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
    >
      {t('web.org.settings.webhooks.rows.details')}
    </Button>
  );
}

function DeliveryTableRow({
  delivery,
  organizationId,
}: {
  delivery: WebhookDelivery;
  organizationId: string;
}) {
  const [isOpen, { toggle }] = useDisclosure(false);
  const detailId = useId();
  return (
    <>
      <Table.Tr>
        {/* Times may break after the date, so the actions keep their room inside the card. */}
        <Table.Td>{formatDeliveryTime(delivery.createdAt)}</Table.Td>
        <Table.Td>
          <Code>{delivery.eventType}</Code>
        </Table.Td>
        <Table.Td>
          <DeliveryStatusBadge status={delivery.status} />
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {responseLabel(delivery.responseStatus)}
          <Text size="xs" c="dimmed">
            {durationLabel(delivery.durationMs)}
          </Text>
        </Table.Td>
        <Table.Td ta="right">{delivery.attempts}</Table.Td>
        <Table.Td>{nextAttempt(delivery)}</Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap" justify="flex-end">
            <DetailsIconToggle delivery={delivery} isOpen={isOpen} onToggle={toggle} controls={detailId} />
            <RedeliverButton organizationId={organizationId} delivery={delivery} />
          </Group>
        </Table.Td>
      </Table.Tr>
      {isOpen && (
        <Table.Tr>
          <Table.Td colSpan={COLUMNS.length + 1} bg="var(--mantine-color-default-hover)">
            <DeliveryDetail delivery={delivery} id={detailId} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

/** The log from `sm` up: one row per delivery, its answer opened under it. */
export function DeliveryTable({
  deliveries,
  organizationId,
  label,
}: {
  deliveries: WebhookDelivery[];
  organizationId: string;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760} visibleFrom="sm" scrollAreaProps={{ type: 'auto' }}>
      <Table verticalSpacing="xs" className="ze-table-glass" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => (
              <Table.Th
                key={column}
                ta={column === 'web.org.settings.webhooks.rows.attempts' ? 'right' : undefined}
              >
                {t(column)}
              </Table.Th>
            ))}
            <Table.Th>
              <VisuallyHidden>{t('web.org.settings.webhooks.rows.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((delivery) => (
            <DeliveryTableRow key={delivery.id} delivery={delivery} organizationId={organizationId} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

function DeliveryCard({ delivery, organizationId }: { delivery: WebhookDelivery; organizationId: string }) {
  const { t } = useTranslation();
  const [isOpen, { toggle }] = useDisclosure(false);
  const detailId = useId();
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Code w="fit-content">{delivery.eventType}</Code>
          <Text size="xs" c="dimmed">
            {formatDeliveryTime(delivery.createdAt)}
          </Text>
        </Stack>
        <DeliveryStatusBadge status={delivery.status} />
      </Group>
      <SimpleGrid component="dl" cols={2} spacing="sm" verticalSpacing={4} m={0}>
        <Field label={t('web.org.settings.webhooks.rows.response')}>
          {responseLabel(delivery.responseStatus)}
        </Field>
        <Field label={t('web.org.settings.webhooks.rows.duration')}>
          {durationLabel(delivery.durationMs)}
        </Field>
        <Field label={t('web.org.settings.webhooks.rows.attempts')}>{delivery.attempts}</Field>
        <Field label={t('web.org.settings.webhooks.rows.nextAttempt')}>{nextAttempt(delivery)}</Field>
      </SimpleGrid>
      <Group justify="space-between" gap="xs">
        <DetailsButtonToggle delivery={delivery} isOpen={isOpen} onToggle={toggle} controls={detailId} />
        <RedeliverButton organizationId={organizationId} delivery={delivery} />
      </Group>
      {isOpen && <DeliveryDetail delivery={delivery} id={detailId} />}
    </Stack>
  );
}

/** The log on a phone: one card per delivery, as the other organizer lists do. */
export function DeliveryCards({
  deliveries,
  organizationId,
}: {
  deliveries: WebhookDelivery[];
  organizationId: string;
}) {
  return (
    <PhoneCards items={deliveries} rowKey={(delivery) => delivery.id}>
      {(delivery) => <DeliveryCard delivery={delivery} organizationId={organizationId} />}
    </PhoneCards>
  );
}
