import { NumberInput, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import {
  CreateTicketTypeBody,
  currencyDigits,
  fromMinorUnits,
  type TaxRate,
  toMinorUnits,
  type TicketType,
} from '@zevents/contracts';
import { useState } from 'react';
import { FormActions } from '../../../components/ui/FormActions';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { toWallTime } from '../lib/zoned-time';
import { currencySymbol } from '../../../components/ui/money';
import { numberOrNaN, OUT_OF_YEARS, wallTimeToIso, windowEndMessage } from './form-body';

export interface TicketTypeValues {
  name: string;
  description: string;
  price: number | string;
  capacity: number | string;
  salesStartAt: string | null;
  salesEndAt: string | null;
  minPerOrder: number | string;
  maxPerOrder: number | string;
  /** Hidden: only buyers with the access code (or a promo code naming it) see and buy it. */
  hidden: boolean;
  accessCode: string;
  /** '' for untaxed. */
  taxRateId: string;
}

/** Where the API's field names differ from the form's, and how to say them to a person. */
export const TICKET_TYPE_ERROR_MAPPING = {
  fields: { priceCents: 'price' },
  labels: {
    priceCents: 'price',
    salesStartAt: 'the sales start',
    salesEndAt: 'the sales end',
    accessCode: 'the access code',
    minPerOrder: 'the minimum per order',
    maxPerOrder: 'the maximum per order',
  },
  codes: { CAPACITY_BELOW_SOLD: 'capacity', INVALID_SALES_WINDOW: 'salesEndAt' },
};

// The contract's limits, shown on the inputs; the schema is what checks them.
const MAX_PER_ORDER = 100;
const MAX_CAPACITY = 1_000_000;

function initialValues(
  ticketType: TicketType | undefined,
  currency: string,
  timeZone: string,
): TicketTypeValues {
  if (!ticketType)
    return {
      name: '',
      description: '',
      price: '',
      capacity: '',
      salesStartAt: null,
      salesEndAt: null,
      minPerOrder: 1,
      maxPerOrder: 10,
      hidden: false,
      accessCode: '',
      taxRateId: '',
    };
  return {
    name: ticketType.name,
    description: ticketType.description ?? '',
    price: fromMinorUnits(ticketType.priceCents, currency),
    capacity: ticketType.capacity,
    salesStartAt: ticketType.salesStartAt ? toWallTime(ticketType.salesStartAt, timeZone) : null,
    salesEndAt: ticketType.salesEndAt ? toWallTime(ticketType.salesEndAt, timeZone) : null,
    minPerOrder: ticketType.minPerOrder,
    maxPerOrder: ticketType.maxPerOrder,
    hidden: ticketType.visibility === 'hidden',
    accessCode: ticketType.accessCode ?? '',
    taxRateId: ticketType.taxRateId ?? '',
  };
}

export function ticketTypeValuesToBody(
  values: TicketTypeValues,
  currency: string,
  timeZone: string,
): CreateTicketTypeBody {
  return {
    name: values.name.trim(),
    description: values.description.trim() || null,
    priceCents: values.price === '' ? Number.NaN : toMinorUnits(values.price, currency),
    capacity: numberOrNaN(values.capacity),
    salesStartAt: wallTimeToIso(values.salesStartAt, timeZone),
    salesEndAt: wallTimeToIso(values.salesEndAt, timeZone),
    minPerOrder: numberOrNaN(values.minPerOrder),
    maxPerOrder: numberOrNaN(values.maxPerOrder),
    visibility: values.hidden ? 'hidden' : 'public',
    // A public type needs no code; a hidden one without a code is unlocked by promo codes only.
    accessCode: values.hidden ? values.accessCode.trim() || null : null,
    taxRateId: values.taxRateId || null,
  };
}

/** "VAT 19% (included)", active rates first; a retired rate only when the type still carries it. */
function taxRateOptions(rates: TaxRate[], current: string | null) {
  return rates
    .filter((rate) => rate.retiredAt === null || rate.id === current)
    .map((rate) => ({
      value: rate.id,
      label: `${rate.name} · ${(rate.rateBasisPoints / 100).toLocaleString('en', { maximumFractionDigits: 2 })}% ${
        rate.inclusive ? '(included)' : '(on top)'
      }${rate.retiredAt ? ' · retired' : ''}`,
    }));
}

const perOrderMessage = `A whole number from 1 to ${MAX_PER_ORDER}`;

/**
 * The API's own check of a ticket type (`CreateTicketTypeBody`), said the way the form says it, plus
 * what only the form knows: tickets already sold or held.
 */
function ticketTypeValidator(currency: string, timeZone: string, committed: number) {
  return schemaValidator<TicketTypeValues>(CreateTicketTypeBody, {
    toBody: (values) => ticketTypeValuesToBody(values, currency, timeZone),
    fields: TICKET_TYPE_ERROR_MAPPING.fields,
    messages: {
      name: (issue) =>
        issue.code === 'too_big'
          ? 'At most 100 characters'
          : 'Name the ticket type, e.g. "General admission"',
      description: 'At most 2,000 characters',
      price: (issue) =>
        issue.code === 'too_small'
          ? 'The price cannot be negative'
          : issue.code === 'too_big'
            ? 'That price is too high'
            : 'Enter a price (0 for free tickets)',
      capacity: (issue) =>
        issue.code === 'too_small' || issue.code === 'too_big'
          ? `Between 0 and ${MAX_CAPACITY.toLocaleString()}`
          : 'Enter how many tickets are for sale',
      minPerOrder: perOrderMessage,
      maxPerOrder: (issue) =>
        issue.code === 'custom' ? 'Must be at least the minimum per order' : perOrderMessage,
      accessCode: '2 to 40 letters, digits, dashes or underscores',
      salesStartAt: OUT_OF_YEARS,
      salesEndAt: windowEndMessage('Must be after the sales start', (values) => ({
        start: values.salesStartAt,
        end: values.salesEndAt,
      })),
    },
    extraChecks: (values) => ({
      capacity:
        Number(values.capacity) < committed
          ? `At least ${committed}: that many are already sold or held`
          : null,
    }),
  });
}

interface TicketTypeFormProps {
  currency: string;
  /** The event's zone: sales windows are picked on its wall clock. */
  timeZone: string;
  /** Editing this one; creating a new type when absent. */
  ticketType?: TicketType;
  /** The organization's tax rates: the active ones are offered, and the type's own even if retired. */
  taxRates?: TaxRate[];
  onSubmit: (body: CreateTicketTypeBody) => Promise<unknown>;
  onCancel?: () => void;
}

/** Name, price, capacity, sales window and per-order limits of one ticket type. */
export function TicketTypeForm({
  currency,
  timeZone,
  ticketType,
  taxRates = [],
  onSubmit,
  onCancel,
}: TicketTypeFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const digits = currencyDigits(currency);
  const committed = ticketType ? ticketType.sold + ticketType.held : 0;

  const form = useForm<TicketTypeValues>({
    initialValues: initialValues(ticketType, currency, timeZone),
    validate: ticketTypeValidator(currency, timeZone, committed),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setSaving(true);
    try {
      await onSubmit(ticketTypeValuesToBody(values, currency, timeZone));
    } catch (error) {
      setFormError(applyFormErrors(form, error, TICKET_TYPE_ERROR_MAPPING));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={ticketType ? `Edit ${ticketType.name}` : 'New ticket type'}
    >
      <Stack gap="md">
        <TextInput
          label="Name"
          required
          placeholder="General admission"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={5}
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NumberInput
            label="Price"
            description={`In ${currency}; 0 makes it free`}
            required
            min={0}
            decimalScale={digits}
            fixedDecimalScale={digits > 0}
            allowNegative={false}
            thousandSeparator=","
            leftSection={
              <Text size="sm" c="dimmed" aria-hidden>
                {currencySymbol(currency)}
              </Text>
            }
            {...form.getInputProps('price')}
          />
          <NumberInput
            label="Capacity"
            description={committed > 0 ? `${committed} already sold or held` : 'Tickets for sale in total'}
            required
            min={committed}
            max={MAX_CAPACITY}
            clampBehavior="none"
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...form.getInputProps('capacity')}
          />
          <NumberInput
            label="Minimum per order"
            required
            min={1}
            max={MAX_PER_ORDER}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('minPerOrder')}
          />
          <NumberInput
            label="Maximum per order"
            required
            min={1}
            max={MAX_PER_ORDER}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('maxPerOrder')}
          />
          <DateTimePicker
            label="Sales start"
            description="Empty: on sale as soon as published"
            placeholder="When published"
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            {...form.getInputProps('salesStartAt')}
          />
          <DateTimePicker
            label="Sales end"
            description="Empty: until the event ends"
            placeholder="When the event ends"
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            {...form.getInputProps('salesEndAt')}
          />
        </SimpleGrid>
        <Select
          label="Tax"
          description="Set up rates on the Billing page. Included: the price holds the tax (VAT); on top: added at checkout."
          data={[{ value: '', label: 'No tax' }, ...taxRateOptions(taxRates, ticketType?.taxRateId ?? null)]}
          allowDeselect={false}
          {...form.getInputProps('taxRateId')}
        />
        <Text size="xs" c="dimmed">
          Sales times are in the event&apos;s time zone ({timeZone.replaceAll('_', ' ')}).
        </Text>
        <Switch
          label="Hidden: only for buyers with a code"
          description="For guest lists, sponsors and presales. It stays off the event page until a buyer opens it with the code."
          {...form.getInputProps('hidden', { type: 'checkbox' })}
        />
        {form.values.hidden && (
          <TextInput
            label="Access code"
            description="Share the event link with ?code=… added. Empty: only promo codes that name this type unlock it."
            placeholder="SPONSORS-2030"
            autoComplete="off"
            {...form.getInputProps('accessCode')}
          />
        )}
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={ticketType ? 'Save ticket type' : 'Add ticket type'}
        />
      </Stack>
    </form>
  );
}
