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
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
import { FormActions } from '../../../components/ui/FormActions';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { toWallTime } from '../lib/zoned-time';
import { currencySymbol } from '../../../components/ui/money';
import { numberOrNaN, outOfYears, wallTimeToIso, windowEndMessage } from './form-body';

interface PromoCodeValues {
  code: string;
  kind: 'percent' | 'amount';
  value: number | string;
  maxUses: number | string;
  validFrom: string | null;
  validUntil: string | null;
  ticketTypeIds: string[];
}

const FIELDS = { percentOff: 'value', amountOffCents: 'value' };

const mapping = () => ({
  fields: FIELDS,
  labels: {
    percentOff: i18n.t('web.org.editor.promoForm.labelPercent'),
    amountOffCents: i18n.t('web.org.editor.promoForm.labelAmount'),
    validFrom: i18n.t('web.org.editor.details.labelStart'),
    validUntil: i18n.t('web.org.editor.details.labelEnd'),
    ticketTypeIds: i18n.t('web.org.editor.poolForm.labelTypes'),
    maxUses: i18n.t('web.org.editor.promoForm.labelUses'),
  },
  codes: { PROMO_CODE_TAKEN: 'code', MAX_USES_BELOW_USES: 'maxUses' },
});

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
    fields: FIELDS,
    messages: {
      code: (issue) =>
        issue.code === 'too_small' || issue.code === 'too_big'
          ? i18n.t('web.org.editor.promoForm.codeLength')
          : i18n.t('web.org.editor.promoForm.codeChars'),
      value: (issue, values) => {
        if (values.value === '')
          return values.kind === 'percent'
            ? i18n.t('web.org.editor.promoForm.percentRequired')
            : i18n.t('web.org.editor.promoForm.amountRequired');
        if (values.kind === 'percent') return i18n.t('web.org.editor.promoForm.percentInvalid');
        return issue.code === 'too_big'
          ? i18n.t('web.org.editor.promoForm.amountTooHigh')
          : i18n.t('web.org.editor.promoForm.amountPositive');
      },
      maxUses: (issue) =>
        issue.code === 'too_big'
          ? i18n.t('web.org.editor.promoForm.usesTooHigh', {
              max: (1_000_000).toLocaleString(currentIntlLocale()),
            })
          : i18n.t('web.org.editor.promoForm.usesInvalid'),
      validFrom: outOfYears,
      validUntil: windowEndMessage(
        () => i18n.t('web.org.editor.details.endAfterStart'),
        (values) => ({
          start: values.validFrom,
          end: values.validUntil,
        }),
      ),
    },
    extraChecks: (values) => ({
      maxUses:
        !isBlank(values.maxUses) && Number(values.maxUses) < uses
          ? i18n.t('web.org.editor.promoForm.usesBelow', { count: uses })
          : null,
    }),
  });
}

/** A discount code: percent or amount off, how often, when, and for which ticket types. */
export function PromoCodeForm(props: PromoCodeFormProps) {
  const { t } = useTranslation();
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
      setFormError(applyFormErrors(form, error, mapping()));
    } finally {
      setSaving(false);
    }
  });

  const isPercent = form.values.kind === 'percent';
  const digits = currencyDigits(currency);

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={
        promoCode
          ? t('web.org.editor.ticketTypes.editLabel', { name: promoCode.code })
          : t('web.org.editor.promo.new')
      }
    >
      <Stack gap="md">
        <TextInput
          label={t('web.org.editor.promo.colCode')}
          description={
            promoCode ? t('web.org.editor.promoForm.codeLocked') : t('web.org.editor.promoForm.codeHint')
          }
          required
          disabled={promoCode !== undefined}
          placeholder={t('web.org.editor.promoForm.codePlaceholder')}
          data-autofocus={promoCode ? undefined : true}
          styles={{
            input: { textTransform: 'uppercase', fontFamily: 'var(--mantine-font-family-monospace)' },
          }}
          {...form.getInputProps('code')}
        />
        <Stack gap={6}>
          <Text size="sm" fw={500} id="promo-kind-label">
            {t('web.org.editor.promo.colDiscount')}
          </Text>
          <SegmentedControl
            aria-labelledby="promo-kind-label"
            data={[
              { value: 'percent', label: t('web.org.editor.promoForm.percentOff') },
              { value: 'amount', label: t('web.org.editor.promoForm.amountOffIn', { currency }) },
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
            label={
              isPercent ? t('web.org.editor.promoForm.percentOff') : t('web.org.editor.promoForm.amountOff')
            }
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
            label={t('web.org.editor.promoForm.maxUses')}
            description={
              uses > 0
                ? t('web.org.editor.promoForm.usedSoFar', { count: uses })
                : t('web.org.editor.promoForm.unlimited')
            }
            min={Math.max(1, uses)}
            clampBehavior="none"
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('maxUses')}
          />
          <DateTimePicker
            label={t('web.org.editor.promoForm.validFrom')}
            placeholder={t('web.org.editor.promoForm.rightAway')}
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            {...form.getInputProps('validFrom')}
          />
          <DateTimePicker
            label={t('web.org.editor.promoForm.validUntil')}
            placeholder={t('web.org.editor.promoForm.noEnd')}
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            {...form.getInputProps('validUntil')}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('web.org.editor.promo.colAppliesTo')}
          description={t('web.org.editor.promoForm.appliesHint')}
          placeholder={form.values.ticketTypeIds.length ? undefined : t('web.org.editor.promo.allTypes')}
          data={ticketTypes.map((type) => ({ value: type.id, label: type.name }))}
          clearable
          {...form.getInputProps('ticketTypeIds')}
        />
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={promoCode ? t('web.org.editor.promoForm.save') : t('web.org.editor.promoForm.create')}
        />
      </Stack>
    </form>
  );
}
