import {
  MultiSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import {
  CreatePromoCodeBody,
  currencyDigits,
  fromMinorUnits,
  toMinorUnits,
  type PromoCode,
  type TicketType,
  UpdatePromoCodeBody,
} from '@zevents/contracts';
import { useState } from 'react';
import { FormActions } from '../../../components/ui/FormActions';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { toWallTime } from '../lib/zoned-time';
import { currencySymbol } from '../../../components/ui/money';
import { numberOrNaN, OUT_OF_YEARS, wallTimeToIso, windowEndMessage } from './form-body';

interface PromoCodeValues {
  code: string;
  kind: 'percent' | 'amount';
  value: number | string;
  maxUses: number | string;
  validFrom: string | null;
  validUntil: string | null;
  ticketTypeIds: string[];
}

const MAPPING = {
  fields: { percentOff: 'value', amountOffCents: 'value' },
  labels: {
    percentOff: 'the percentage',
    amountOffCents: 'the amount',
    validFrom: 'the start',
    validUntil: 'the end',
    ticketTypeIds: 'ticket types',
    maxUses: 'the number of uses',
  },
  codes: { PROMO_CODE_TAKEN: 'code', MAX_USES_BELOW_USES: 'maxUses' },
};

const isBlank = (value: unknown) => value === '' || value === null || value === undefined;

type PromoCodeFormProps = {
  currency: string;
  timeZone: string;
  ticketTypes: TicketType[];
  onCancel?: () => void;
} & (
  | { promoCode?: undefined; onSubmit: (body: CreatePromoCodeBody) => Promise<unknown> }
  /** Editing: the code text stays, and only the fields that changed are sent. */
  | { promoCode: PromoCode; onSubmit: (body: UpdatePromoCodeBody) => Promise<unknown> }
);

function initialValues(code: PromoCode | undefined, currency: string, timeZone: string): PromoCodeValues {
  if (!code)
    return {
      code: '',
      kind: 'percent',
      value: '',
      maxUses: '',
      validFrom: null,
      validUntil: null,
      ticketTypeIds: [],
    };
  return {
    code: code.code,
    kind: code.percentOff !== null ? 'percent' : 'amount',
    value: code.percentOff ?? fromMinorUnits(code.amountOffCents ?? 0, currency),
    maxUses: code.maxUses ?? '',
    validFrom: code.validFrom ? toWallTime(code.validFrom, timeZone) : null,
    validUntil: code.validUntil ? toWallTime(code.validUntil, timeZone) : null,
    ticketTypeIds: code.ticketTypeIds,
  };
}

function discountOf(values: PromoCodeValues, currency: string) {
  if (values.kind === 'percent') return { percentOff: numberOrNaN(values.value) };
  return { amountOffCents: values.value === '' ? Number.NaN : toMinorUnits(values.value, currency) };
}

function promoCodeCreateBody(
  values: PromoCodeValues,
  currency: string,
  timeZone: string,
): CreatePromoCodeBody {
  const validFrom = wallTimeToIso(values.validFrom, timeZone);
  const validUntil = wallTimeToIso(values.validUntil, timeZone);
  return {
    code: values.code.trim(),
    ...discountOf(values, currency),
    ...(isBlank(values.maxUses) ? {} : { maxUses: numberOrNaN(values.maxUses) }),
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(values.ticketTypeIds.length > 0 ? { ticketTypeIds: values.ticketTypeIds } : {}),
  };
}

/** The fields `changed` says were edited; emptied ones become null (unlimited, no bound). */
function promoCodeUpdateBody(
  values: PromoCodeValues,
  currency: string,
  timeZone: string,
  changed: (field: keyof PromoCodeValues) => boolean,
): UpdatePromoCodeBody {
  return {
    ...(changed('kind') || changed('value') ? discountOf(values, currency) : {}),
    ...(changed('maxUses') ? { maxUses: isBlank(values.maxUses) ? null : numberOrNaN(values.maxUses) } : {}),
    ...(changed('validFrom') ? { validFrom: wallTimeToIso(values.validFrom, timeZone) } : {}),
    ...(changed('validUntil') ? { validUntil: wallTimeToIso(values.validUntil, timeZone) } : {}),
    ...(changed('ticketTypeIds') ? { ticketTypeIds: values.ticketTypeIds } : {}),
  };
}

/**
 * The API's own check of the code (`CreatePromoCodeBody`, or `UpdatePromoCodeBody` over every field
 * when editing), said the way the form says it, plus what only the form knows: the uses so far.
 */
function promoCodeValidator(currency: string, timeZone: string, promoCode: PromoCode | undefined) {
  const uses = promoCode?.uses ?? 0;
  return schemaValidator<PromoCodeValues>(promoCode ? UpdatePromoCodeBody : CreatePromoCodeBody, {
    toBody: (values) =>
      promoCode
        ? promoCodeUpdateBody(values, currency, timeZone, () => true)
        : promoCodeCreateBody(values, currency, timeZone),
    fields: MAPPING.fields,
    messages: {
      code: (issue) =>
        issue.code === 'too_small' || issue.code === 'too_big'
          ? 'Between 2 and 40 characters'
          : 'Letters, digits, dash and underscore only',
      value: (issue, values) => {
        if (values.value === '') return values.kind === 'percent' ? 'Enter a percentage' : 'Enter an amount';
        if (values.kind === 'percent') return 'A whole percent from 1 to 100';
        return issue.code === 'too_big' ? 'That amount is too high' : 'Enter an amount above zero';
      },
      maxUses: (issue) =>
        issue.code === 'too_big'
          ? 'At most 1,000,000 (or empty for unlimited)'
          : 'A whole number, at least 1 (or empty for unlimited)',
      validFrom: OUT_OF_YEARS,
      validUntil: windowEndMessage('Must be after the start', (values) => ({
        start: values.validFrom,
        end: values.validUntil,
      })),
    },
    extraChecks: (values) => ({
      maxUses:
        !isBlank(values.maxUses) && Number(values.maxUses) < uses
          ? `At least ${uses}: it was already used that many times`
          : null,
    }),
  });
}

/** A discount code: percent or amount off, how often, when, and for which ticket types. */
export function PromoCodeForm(props: PromoCodeFormProps) {
  const { currency, timeZone, ticketTypes, onCancel, promoCode } = props;
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const uses = promoCode?.uses ?? 0;
  const form = useForm<PromoCodeValues>({
    initialValues: initialValues(promoCode, currency, timeZone),
    validate: promoCodeValidator(currency, timeZone, promoCode),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setSaving(true);
    try {
      if (props.promoCode)
        await props.onSubmit(promoCodeUpdateBody(values, currency, timeZone, (field) => form.isDirty(field)));
      else await props.onSubmit(promoCodeCreateBody(values, currency, timeZone));
    } catch (error) {
      setFormError(applyFormErrors(form, error, MAPPING));
    } finally {
      setSaving(false);
    }
  });

  const isPercent = form.values.kind === 'percent';
  const digits = currencyDigits(currency);

  return (
    <form onSubmit={submit} noValidate aria-label={promoCode ? `Edit ${promoCode.code}` : 'New promo code'}>
      <Stack gap="md">
        <TextInput
          label="Code"
          description={
            promoCode
              ? 'Cannot change: buyers may already have it. Create a new code instead.'
              : 'What buyers type at checkout'
          }
          required
          disabled={promoCode !== undefined}
          placeholder="EARLYBIRD"
          data-autofocus={promoCode ? undefined : true}
          styles={{
            input: { textTransform: 'uppercase', fontFamily: 'var(--mantine-font-family-monospace)' },
          }}
          {...form.getInputProps('code')}
        />
        <Stack gap={6}>
          <Text size="sm" fw={500} id="promo-kind-label">
            Discount
          </Text>
          <SegmentedControl
            aria-labelledby="promo-kind-label"
            data={[
              { value: 'percent', label: 'Percent off' },
              { value: 'amount', label: `Amount off (${currency})` },
            ]}
            {...form.getInputProps('kind')}
            onChange={(kind) => {
              form.setFieldValue('kind', kind as PromoCodeValues['kind']);
              form.setFieldValue('value', '');
            }}
          />
        </Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NumberInput
            label={isPercent ? 'Percent off' : 'Amount off'}
            required
            min={isPercent ? 1 : 0}
            max={isPercent ? 100 : undefined}
            allowNegative={false}
            allowDecimal={!isPercent && digits > 0}
            decimalScale={isPercent ? 0 : digits}
            {...(isPercent
              ? {
                  rightSection: (
                    <Text size="sm" c="dimmed" aria-hidden>
                      %
                    </Text>
                  ),
                }
              : {
                  leftSection: (
                    <Text size="sm" c="dimmed" aria-hidden>
                      {currencySymbol(currency)}
                    </Text>
                  ),
                })}
            {...form.getInputProps('value')}
          />
          <NumberInput
            label="Maximum uses"
            description={uses > 0 ? `Empty: unlimited. Used ${uses} times so far` : 'Empty: unlimited'}
            min={Math.max(1, uses)}
            clampBehavior="none"
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('maxUses')}
          />
          <DateTimePicker
            label="Valid from"
            placeholder="Right away"
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            {...form.getInputProps('validFrom')}
          />
          <DateTimePicker
            label="Valid until"
            placeholder="No end"
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            {...form.getInputProps('validUntil')}
          />
        </SimpleGrid>
        <MultiSelect
          label="Applies to"
          description="Empty: every ticket type"
          placeholder={form.values.ticketTypeIds.length ? undefined : 'All ticket types'}
          data={ticketTypes.map((t) => ({ value: t.id, label: t.name }))}
          clearable
          {...form.getInputProps('ticketTypeIds')}
        />
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={promoCode ? 'Save promo code' : 'Create promo code'}
        />
      </Stack>
    </form>
  );
}
