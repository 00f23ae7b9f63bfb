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
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
import { FormActions } from '../../../components/ui/FormActions';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { toWallTime } from '../lib/zoned-time';
import { currencySymbol } from '../../../components/ui/money';
import { maxChars, numberOrNaN, outOfYears, wallTimeToIso, windowEndMessage } from './form-body';

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
export function ticketTypeErrorMapping() {
  return {
    fields: { priceCents: 'price' },
    labels: {
      priceCents: i18n.t('web.org.editor.ticketForm.labelPrice'),
      salesStartAt: i18n.t('web.org.editor.ticketForm.labelSalesStart'),
      salesEndAt: i18n.t('web.org.editor.ticketForm.labelSalesEnd'),
      accessCode: i18n.t('web.org.editor.ticketForm.labelAccessCode'),
      minPerOrder: i18n.t('web.org.editor.ticketForm.labelMinPerOrder'),
      maxPerOrder: i18n.t('web.org.editor.ticketForm.labelMaxPerOrder'),
    },
    codes: { CAPACITY_BELOW_SOLD: 'capacity', INVALID_SALES_WINDOW: 'salesEndAt' },
  };
}

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
      label: i18n.t(
        rate.retiredAt ? 'web.org.editor.ticketForm.taxOptionRetired' : 'web.org.editor.ticketForm.taxOption',
        {
          name: rate.name,
          rate: (rate.rateBasisPoints / 100).toLocaleString(currentIntlLocale(), {
            maximumFractionDigits: 2,
          }),
          kind: rate.inclusive
            ? i18n.t('web.org.editor.ticketForm.taxIncluded')
            : i18n.t('web.org.editor.ticketForm.taxOnTop'),
        },
      ),
    }));
}

const perOrderMessage = () => i18n.t('web.org.editor.ticketForm.perOrderInvalid', { max: MAX_PER_ORDER });

/**
 * The API's own check of a ticket type (`CreateTicketTypeBody`), said the way the form says it, plus
 * what only the form knows: tickets already sold or held.
 */
function ticketTypeValidator(currency: string, timeZone: string, committed: number) {
  return schemaValidator<TicketTypeValues>(CreateTicketTypeBody, {
    toBody: (values) => ticketTypeValuesToBody(values, currency, timeZone),
    fields: ticketTypeErrorMapping().fields,
    messages: {
      name: (issue) =>
        issue.code === 'too_big' ? maxChars(100) : i18n.t('web.org.editor.ticketForm.nameRequired'),
      description: () => maxChars(2_000),
      price: (issue) =>
        issue.code === 'too_small'
          ? i18n.t('web.org.editor.ticketForm.priceNegative')
          : issue.code === 'too_big'
            ? i18n.t('web.org.editor.ticketForm.priceTooHigh')
            : i18n.t('web.org.editor.ticketForm.priceRequired'),
      capacity: (issue) =>
        issue.code === 'too_small' || issue.code === 'too_big'
          ? i18n.t('web.org.editor.ticketForm.capacityRange', {
              max: MAX_CAPACITY.toLocaleString(currentIntlLocale()),
            })
          : i18n.t('web.org.editor.ticketForm.capacityRequired'),
      minPerOrder: perOrderMessage,
      maxPerOrder: (issue) =>
        issue.code === 'custom' ? i18n.t('web.org.editor.ticketForm.maxBelowMin') : perOrderMessage(),
      accessCode: () => i18n.t('web.org.editor.ticketForm.accessCodeInvalid'),
      salesStartAt: outOfYears,
      salesEndAt: windowEndMessage(
        () => i18n.t('web.org.editor.ticketForm.salesEndAfterStart'),
        (values) => ({
          start: values.salesStartAt,
          end: values.salesEndAt,
        }),
      ),
    },
    extraChecks: (values) => ({
      capacity:
        Number(values.capacity) < committed
          ? i18n.t('web.org.editor.ticketForm.capacityBelowCommitted', { count: committed })
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
  const { t } = useTranslation();
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
      setFormError(applyFormErrors(form, error, ticketTypeErrorMapping()));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={
        ticketType
          ? t('web.org.editor.ticketForm.editLabel', { name: ticketType.name })
          : t('web.org.editor.ticketForm.newLabel')
      }
    >
      <Stack gap="md">
        <TextInput
          label={t('web.org.editor.ticketForm.name')}
          required
          placeholder={t('web.org.editor.ticketForm.namePlaceholder')}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Textarea
          label={t('web.org.editor.ticketForm.description')}
          autosize
          minRows={2}
          maxRows={5}
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NumberInput
            label={t('web.org.editor.ticketForm.price')}
            description={t('web.org.editor.ticketForm.priceHint', { currency })}
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
            label={t('web.org.editor.ticketForm.capacity')}
            description={
              committed > 0
                ? t('web.org.editor.ticketForm.committed', { count: committed })
                : t('web.org.editor.ticketForm.capacityHint')
            }
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
            label={t('web.org.editor.ticketForm.minPerOrder')}
            required
            min={1}
            max={MAX_PER_ORDER}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('minPerOrder')}
          />
          <NumberInput
            label={t('web.org.editor.ticketForm.maxPerOrder')}
            required
            min={1}
            max={MAX_PER_ORDER}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('maxPerOrder')}
          />
          <DateTimePicker
            label={t('web.org.editor.ticketForm.salesStart')}
            description={t('web.org.editor.ticketForm.salesStartHint')}
            placeholder={t('web.org.editor.ticketForm.salesStartPlaceholder')}
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            {...form.getInputProps('salesStartAt')}
          />
          <DateTimePicker
            label={t('web.org.editor.ticketForm.salesEnd')}
            description={t('web.org.editor.ticketForm.salesEndHint')}
            placeholder={t('web.org.editor.ticketForm.salesEndPlaceholder')}
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            {...form.getInputProps('salesEndAt')}
          />
        </SimpleGrid>
        <Select
          label={t('web.org.editor.ticketForm.tax')}
          description={t('web.org.editor.ticketForm.taxHint')}
          data={[
            { value: '', label: t('web.org.editor.ticketForm.noTax') },
            ...taxRateOptions(taxRates, ticketType?.taxRateId ?? null),
          ]}
          allowDeselect={false}
          {...form.getInputProps('taxRateId')}
        />
        <Text size="xs" c="dimmed">
          {t('web.org.editor.ticketForm.zoneNote', { zone: timeZone.replaceAll('_', ' ') })}
        </Text>
        <Switch
          label={t('web.org.editor.ticketForm.hidden')}
          description={t('web.org.editor.ticketForm.hiddenHint')}
          {...form.getInputProps('hidden', { type: 'checkbox' })}
        />
        {form.values.hidden && (
          <TextInput
            label={t('web.org.editor.ticketForm.accessCode')}
            description={t('web.org.editor.ticketForm.accessCodeHint')}
            placeholder={t('web.org.editor.ticketForm.accessCodePlaceholder')}
            autoComplete="off"
            {...form.getInputProps('accessCode')}
          />
        )}
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={ticketType ? t('web.org.editor.ticketForm.save') : t('web.org.editor.ticketForm.add')}
        />
      </Stack>
    </form>
  );
}
