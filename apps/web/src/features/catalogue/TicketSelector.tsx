import { Badge, Box, Group, Stack, Text } from '@mantine/core';
import { formatMoney, type PublicTicketType } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../i18n/i18n';
import type { Availability } from '../../api/useEventAvailability';
import { formatDateTime, formatShortDateTime } from '../../components/ui/format';
import { PricingCard } from '../../components/ui/PricingCard';
import { QuantityStepper } from '../../components/ui/QuantityStepper';
import {
  availableOf,
  maxSelectable,
  saleStateOf,
  selectionTotals,
  stepQuantity,
  type Selection,
  type TicketSaleState,
} from './ticket-selection';
import { formatPrice } from '../../components/ui/money';

/** Below this many left, the card says so. */
const FEW_LEFT = 10;

interface TicketSelectorProps {
  types: PublicTicketType[];
  currency: string;
  /** The event's zone, for "On sale 3 Dec, 10:00 CET". */
  timeZone: string;
  availability: Availability | undefined;
  /** Already normalized: only valid quantities of on-sale types. */
  selection: Selection;
  onChange: (ticketTypeId: string, quantity: number) => void;
  now: Date;
  /** Problems per ticket type id (from the server's answer). */
  errors?: Record<string, string>;
  /** The whole event is not on sale (cancelled, over). */
  disabled?: boolean;
  /** Why nothing can be chosen yet (no date picked): said on every card instead of what is left. */
  disabledReason?: string;
  /** Shown under a sold-out type whose organizer keeps a waiting list (the join form). */
  renderWaitingList?: (type: PublicTicketType) => ReactNode;
}

function StateBadge({
  state,
  type,
  timeZone,
}: {
  state: TicketSaleState;
  type: PublicTicketType;
  timeZone: string;
}) {
  const { t } = useTranslation();
  switch (state) {
    case 'sold_out':
      return (
        // Filled, not light: red text on its light tint is under 4.5:1 (axe, AA); the theme darkens the fill.
        <Badge color="red" variant="filled">
          {t('web.store.card.soldOut')}
        </Badge>
      );
    case 'ended':
      return (
        <Badge color="gray" variant="light">
          {t('web.store.ticket.salesEnded')}
        </Badge>
      );
    case 'upcoming':
      return (
        // blue.9, not blue: the light variant of blue has 3.3:1 text on its tint; this one passes 4.5:1 (axe, AA).
        <Badge color="blue.9" variant="light" maw="100%">
          {type.salesStartAt
            ? t('web.store.ticket.onSaleAt', { when: formatShortDateTime(type.salesStartAt, timeZone) })
            : t('web.store.ticket.onSaleSoon')}
        </Badge>
      );
    default:
      return null;
  }
}

/** Texts made outside components translate through the app's instance, in its language now. */
const t = (key: string, values?: Record<string, string | number>) => i18n.t(key, values);

function limitsText(type: PublicTicketType): string {
  if (type.minPerOrder === type.maxPerOrder)
    return t('web.store.ticket.perOrder', { count: type.minPerOrder });
  if (type.minPerOrder > 1)
    return t('web.store.ticket.rangePerOrder', { min: type.minPerOrder, max: type.maxPerOrder });
  return t('web.store.ticket.upToPerOrder', { count: type.maxPerOrder });
}

function metaText(
  type: PublicTicketType,
  state: TicketSaleState,
  available: number,
  timeZone: string,
): string {
  if (state === 'upcoming')
    return type.salesStartAt
      ? `${t('web.store.ticket.salesOpen', { when: formatDateTime(type.salesStartAt, timeZone) })} · ${limitsText(type)}`
      : limitsText(type);
  if (state === 'ended' || state === 'sold_out') return '';
  if (maxSelectable(type, available) === 0)
    return t('web.store.ticket.belowMin', { count: available, min: type.minPerOrder });
  const left =
    available <= FEW_LEFT
      ? t('web.store.ticket.onlyLeft', { count: available })
      : t('web.store.ticket.available', { count: available });
  const ends = type.salesEndAt
    ? ` · ${t('web.store.ticket.salesEnd', { when: formatDateTime(type.salesEndAt, timeZone) })}`
    : '';
  return `${left} · ${limitsText(type)}${ends}`;
}

/**
 * The ticket types of an event as price cards with quantity steppers. The rules (min and max per
 * order, what is left, the sales window) decide what each stepper allows; the total follows.
 */
export function TicketSelector({
  types,
  currency,
  timeZone,
  availability,
  selection,
  onChange,
  now,
  errors = {},
  disabled = false,
  disabledReason,
  renderWaitingList,
}: TicketSelectorProps) {
  const { t } = useTranslation();
  const totals = selectionTotals(selection, types);

  return (
    <Stack gap="sm">
      {types.map((type) => {
        const available = availableOf(type, availability);
        const state = saleStateOf(type, available, now);
        const quantity = selection[type.id] ?? 0;
        const max = maxSelectable(type, available);
        const isWaiting = disabledReason !== undefined;
        const isBuyable = !disabled && !isWaiting && state === 'on_sale' && max > 0;
        const waitingList =
          !disabled && state === 'sold_out' && type.waitingList && renderWaitingList
            ? renderWaitingList(type)
            : null;
        const meta =
          isWaiting && state === 'on_sale' ? disabledReason : metaText(type, state, available, timeZone);
        return (
          <PricingCard
            key={type.id}
            id={`ticket-${type.id}`}
            name={type.name}
            price={formatPrice(type.priceCents, currency)}
            description={type.description}
            badge={
              <>
                <StateBadge state={state} type={type} timeZone={timeZone} />
                {type.hidden && (
                  <Badge color="teal" variant="light">
                    {t('web.store.ticket.unlocked')}
                  </Badge>
                )}
                {!isWaiting && state === 'on_sale' && available <= FEW_LEFT && max > 0 && (
                  <Badge color="orange" variant="light">
                    {t('web.store.card.fewLeft')}
                  </Badge>
                )}
              </>
            }
            meta={meta || undefined}
            isSelected={quantity > 0}
            // A card with a waiting list, or waiting for a date, still has something to do: full colours.
            isMuted={!isBuyable && !waitingList && !isWaiting}
            error={errors[type.id]}
            footer={waitingList ? <Box mt="sm">{waitingList}</Box> : undefined}
          >
            <QuantityStepper
              label={type.name}
              value={quantity}
              disabled={!isBuyable}
              canDecrement={quantity > 0}
              canIncrement={quantity < max}
              onDecrement={() => onChange(type.id, stepQuantity(type, available, quantity, -1))}
              onIncrement={() => onChange(type.id, stepQuantity(type, available, quantity, 1))}
            />
          </PricingCard>
        );
      })}
      <Group justify="space-between" px="xs" pt="xs" aria-live="polite" data-testid="selection-total">
        <Text c="dimmed" size="sm">
          {totals.tickets === 0
            ? t('web.store.ticket.noneSelected')
            : t('web.common.tickets', { count: totals.tickets })}
        </Text>
        <Text fw={800} size="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatMoney(totals.subtotalCents, currency, currentIntlLocale())}
        </Text>
      </Group>
    </Stack>
  );
}
