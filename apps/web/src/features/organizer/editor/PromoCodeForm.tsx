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
  currencyDigits,
  fromMinorUnits,
  toMinorUnits,
  type CreatePromoCodeBody,
  type PromoCode,
  type TicketType,
  type UpdatePromoCodeBody,
} from '@zevents/contracts';
import { useState } from 'react';
import { FormActions } from '../../../components/ui/FormActions';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { fromWallTime, isWallTime, toWallTime } from '../lib/zoned-time';
import { currencySymbol } from '../../../components/ui/money';

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

/** A discount code: percent or amount off, how often, when, and for which ticket types. */
export function PromoCodeForm(props: PromoCodeFormProps) {
  const { currency, timeZone, ticketTypes, onCancel, promoCode } = props;
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const uses = promoCode?.uses ?? 0;
  const form = useForm<PromoCodeValues>({
    initialValues: initialValues(promoCode, currency, timeZone),
    validate: {
      code: (value) => {
        const code = value.trim();
        if (code.length < 2 || code.length > 40) return 'Between 2 and 40 characters';
        return /^[A-Za-z0-9_-]+$/.test(code) ? null : 'Letters, digits, dash and underscore only';
      },
      value: (value, values) => {
        if (isBlank(value)) return values.kind === 'percent' ? 'Enter a percentage' : 'Enter an amount';
        const number = Number(value);
        if (values.kind === 'percent')
          return Number.isInteger(number) && number >= 1 && number <= 100
            ? null
            : 'A whole percent from 1 to 100';
        return toMinorUnits(number, currency) >= 1 ? null : 'Enter an amount above zero';
      },
      maxUses: (value) => {
        if (isBlank(value)) return null;
        if (!Number.isInteger(Number(value)) || Number(value) < 1)
          return 'A whole number, at least 1 (or empty for unlimited)';
        return Number(value) < uses ? `At least ${uses}: it was already used that many times` : null;
      },
      validUntil: (value, values) =>
        isWallTime(value) && isWallTime(values.validFrom) && value <= values.validFrom
          ? 'Must be after the start'
          : null,
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const discount =
      values.kind === 'percent'
        ? { percentOff: Number(values.value) }
        : { amountOffCents: toMinorUnits(values.value, currency) };
    const at = (wall: string | null) => (isWallTime(wall) ? fromWallTime(wall, timeZone) : null);
    setSaving(true);
    try {
      if (props.promoCode) {
        const changed = (field: keyof PromoCodeValues) => form.isDirty(field);
        await props.onSubmit({
          ...(changed('kind') || changed('value') ? discount : {}),
          ...(changed('maxUses') ? { maxUses: isBlank(values.maxUses) ? null : Number(values.maxUses) } : {}),
          ...(changed('validFrom') ? { validFrom: at(values.validFrom) } : {}),
          ...(changed('validUntil') ? { validUntil: at(values.validUntil) } : {}),
          ...(changed('ticketTypeIds') ? { ticketTypeIds: values.ticketTypeIds } : {}),
        });
      } else {
        const validFrom = at(values.validFrom);
        const validUntil = at(values.validUntil);
        await props.onSubmit({
          code: values.code.trim(),
          ...discount,
          ...(isBlank(values.maxUses) ? {} : { maxUses: Number(values.maxUses) }),
          ...(validFrom ? { validFrom } : {}),
          ...(validUntil ? { validUntil } : {}),
          ...(values.ticketTypeIds.length > 0 ? { ticketTypeIds: values.ticketTypeIds } : {}),
        });
      }
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
