import {
  Alert,
  Button,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import {
  currencyDigits,
  type Event,
  EventFee,
  formatMoney,
  fromMinorUnits,
  toMinorUnits,
} from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
import { currencySymbol } from '../../../components/ui/money';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { useUpdateEvent } from '../mutations/useUpdateEvent';

interface ServiceFeeValues {
  enabled: boolean;
  /** In major units, as typed. */
  fixed: number | string;
  /** Percent, as typed: 2.5 for 2.5%. */
  percent: number | string;
  mode: 'passed_on' | 'absorbed';
}

const NO_FEE: EventFee = { fixedCents: 0, percentBasisPoints: 0, passedOn: true };

export function valuesToFee(values: ServiceFeeValues, currency: string): EventFee {
  if (!values.enabled) return NO_FEE;
  return {
    fixedCents: values.fixed === '' ? 0 : toMinorUnits(values.fixed, currency),
    // Basis points are whole: 2.5% is 250; a third decimal is refused by the contract.
    percentBasisPoints: values.percent === '' ? 0 : Math.round(Number(values.percent) * 10_000) / 100,
    passedOn: values.mode === 'passed_on',
  };
}

function initialValues(event: Event): ServiceFeeValues {
  const fee = event.fee;
  const enabled = fee !== undefined && (fee.fixedCents > 0 || fee.percentBasisPoints > 0);
  return {
    enabled,
    fixed: enabled && fee ? fromMinorUnits(fee.fixedCents, event.currency) : '',
    percent: enabled && fee ? fee.percentBasisPoints / 100 : '',
    mode: fee && !fee.passedOn ? 'absorbed' : 'passed_on',
  };
}

/** What the fee comes to on an example order, so the organizer sees the rule at work. */
function example(fee: EventFee, currency: string): string {
  const base = 10 ** currencyDigits(currency) * 50;
  const cents = fee.fixedCents + Math.round((base * fee.percentBasisPoints) / 10_000);
  const order = formatMoney(base, currency, currentIntlLocale());
  const charged = formatMoney(cents, currency, currentIntlLocale());
  return fee.passedOn
    ? i18n.t('web.org.editor.fee.examplePassedOn', { order, charged })
    : i18n.t('web.org.editor.fee.exampleAbsorbed', { order, charged });
}

/**
 * The event's service fee: a fixed amount per order and a percentage of the order after its
 * discount, either passed on to the buyer (its own line at checkout) or absorbed by the organizer.
 * Changes apply to orders from now on; orders already priced keep their fee.
 */
export function ServiceFeeSection({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateEvent(event.id);
  const [formError, setFormError] = useState<string | null>(null);
  const digits = currencyDigits(event.currency);
  const form = useForm<ServiceFeeValues>({
    initialValues: initialValues(event),
    validate: schemaValidator<ServiceFeeValues>(EventFee, {
      toBody: (values) => valuesToFee(values, event.currency),
      fields: { fixedCents: 'fixed', percentBasisPoints: 'percent' },
      messages: {
        fixed: () => i18n.t('web.org.editor.fee.fixedInvalid'),
        percent: () => i18n.t('web.org.editor.fee.percentInvalid'),
      },
    }),
  });
  const fee = valuesToFee(form.values, event.currency);
  const valid = Number.isFinite(fee.fixedCents) && Number.isInteger(fee.percentBasisPoints);

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({ fee: valuesToFee(values, event.currency) });
      form.resetDirty();
      notifications.show({ color: 'teal', message: t('web.org.editor.fee.saved') });
    } catch (error) {
      setFormError(
        applyFormErrors(form, error, {
          fields: { 'fee.fixedCents': 'fixed', 'fee.percentBasisPoints': 'percent' },
        }),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('web.org.editor.fee.title')}>
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <Title order={2} size="h4">
            {t('web.org.editor.fee.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('web.org.editor.fee.intro')}
          </Text>
          <Switch
            label={t('web.org.editor.fee.enable')}
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          {form.values.enabled && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
                <NumberInput
                  label={t('web.org.editor.fee.fixed')}
                  description={t('web.org.editor.fee.inCurrency', { currency: event.currency })}
                  min={0}
                  decimalScale={digits}
                  fixedDecimalScale={digits > 0}
                  allowNegative={false}
                  leftSection={
                    <Text size="sm" c="dimmed" aria-hidden>
                      {currencySymbol(event.currency)}
                    </Text>
                  }
                  {...form.getInputProps('fixed')}
                />
                <NumberInput
                  label={t('web.org.editor.fee.percent')}
                  description={t('web.org.editor.fee.percentHint')}
                  min={0}
                  max={100}
                  decimalScale={2}
                  allowNegative={false}
                  rightSection={
                    <Text size="sm" c="dimmed" aria-hidden>
                      %
                    </Text>
                  }
                  {...form.getInputProps('percent')}
                />
              </SimpleGrid>
              <Radio.Group label={t('web.org.editor.fee.whoPays')} {...form.getInputProps('mode')}>
                <Stack gap="xs" mt="xs">
                  <Radio value="passed_on" label={t('web.org.editor.fee.passedOn')} />
                  <Radio value="absorbed" label={t('web.org.editor.fee.absorbed')} />
                </Stack>
              </Radio.Group>
              {valid && (fee.fixedCents > 0 || fee.percentBasisPoints > 0) && (
                <Text size="sm" aria-live="polite">
                  {example(fee, event.currency)}
                </Text>
              )}
            </>
          )}
          {formError && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {formError}
            </Alert>
          )}
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                {t('web.org.editor.fee.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
