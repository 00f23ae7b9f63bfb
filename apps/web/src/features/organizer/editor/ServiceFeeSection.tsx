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
  const order = formatMoney(base, currency);
  const charged = formatMoney(cents, currency);
  return fee.passedOn
    ? `On a ${order} order the buyer pays ${charged} on top, shown as its own line.`
    : `On a ${order} order you bear ${charged}; the buyer pays ${order}.`;
}

/**
 * The event's service fee: a fixed amount per order and a percentage of the order after its
 * discount, either passed on to the buyer (its own line at checkout) or absorbed by the organizer.
 * Changes apply to orders from now on; orders already priced keep their fee.
 */
export function ServiceFeeSection({ event, editable }: { event: Event; editable: boolean }) {
  const update = useUpdateEvent(event.id);
  const [formError, setFormError] = useState<string | null>(null);
  const digits = currencyDigits(event.currency);
  const form = useForm<ServiceFeeValues>({
    initialValues: initialValues(event),
    validate: schemaValidator<ServiceFeeValues>(EventFee, {
      toBody: (values) => valuesToFee(values, event.currency),
      fields: { fixedCents: 'fixed', percentBasisPoints: 'percent' },
      messages: {
        fixed: 'An amount from 0',
        percent: 'A percentage from 0 to 100, at most two decimals',
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
      notifications.show({ color: 'teal', message: 'Service fee saved' });
    } catch (error) {
      setFormError(
        applyFormErrors(form, error, {
          fields: { 'fee.fixedCents': 'fixed', 'fee.percentBasisPoints': 'percent' },
        }),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Service fee">
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <Title order={2} size="h4">
            Service fee
          </Title>
          <Text size="sm" c="dimmed">
            A service fee per order: a fixed amount plus a percentage of the order after its discount. Passed
            on, the buyer sees it as its own line before paying; absorbed, it comes out of your revenue. It is
            never taxed, and a refund gives back its share. Orders already placed keep their fee.
          </Text>
          <Switch label="Charge a service fee" {...form.getInputProps('enabled', { type: 'checkbox' })} />
          {form.values.enabled && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
                <NumberInput
                  label="Fixed per order"
                  description={`In ${event.currency}`}
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
                  label="Percentage of the order"
                  description="After its discount"
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
              <Radio.Group label="Who pays it" {...form.getInputProps('mode')}>
                <Stack gap="xs" mt="xs">
                  <Radio value="passed_on" label="The buyer, on top of the price" />
                  <Radio value="absorbed" label="You: it comes out of your revenue" />
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
                Save service fee
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
