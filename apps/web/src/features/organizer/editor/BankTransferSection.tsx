import { Alert, Button, Group, NumberInput, Stack, Switch, Text, Title, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { BankTransferSettingsInput, type Event } from '@zevents/contracts';
import { useState } from 'react';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { useUpdateEvent } from '../mutations/useUpdateEvent';
import { numberOrNaN } from './form-body';

interface BankTransferValues {
  enabled: boolean;
  instructions: string;
  deadlineDays: number | string;
}

export const valuesToBankTransfer = (values: BankTransferValues): BankTransferSettingsInput => ({
  enabled: values.enabled,
  instructions: values.instructions.trim(),
  deadlineDays: numberOrNaN(values.deadlineDays),
});

/**
 * Bank transfer as a payment method: buyers who choose it get these instructions and a reference,
 * their tickets stay held until the deadline, and an organizer marks the order paid when the money
 * arrives (or it expires and the tickets go back on sale).
 */
export function BankTransferSection({ event, editable }: { event: Event; editable: boolean }) {
  const update = useUpdateEvent(event.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<BankTransferValues>({
    initialValues: {
      enabled: event.bankTransfer?.enabled ?? false,
      instructions: event.bankTransfer?.instructions ?? '',
      deadlineDays: event.bankTransfer?.deadlineDays ?? 7,
    },
    validate: schemaValidator<BankTransferValues>(BankTransferSettingsInput, {
      toBody: valuesToBankTransfer,
      messages: {
        instructions: (issue) =>
          issue.code === 'too_big'
            ? 'At most 2,000 characters'
            : 'Say where to send the money: account holder, IBAN and BIC',
        deadlineDays: 'A whole number of days, from 1 to 30',
      },
    }),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({ bankTransfer: valuesToBankTransfer(values) });
      form.resetDirty();
      notifications.show({ color: 'teal', message: 'Bank transfer saved' });
    } catch (error) {
      setFormError(
        applyFormErrors(form, error, {
          fields: {
            'bankTransfer.instructions': 'instructions',
            'bankTransfer.deadlineDays': 'deadlineDays',
          },
        }),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Bank transfer">
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <Title order={2} size="h4">
            Bank transfer
          </Title>
          <Text size="sm" c="dimmed">
            Let buyers pay by bank transfer. They get your account details and a reference to quote; their
            tickets stay held until the deadline, with a reminder two days before. Mark the order paid on its
            page when the money arrives; unpaid orders expire and their tickets go back on sale.
          </Text>
          <Switch
            label="Offer bank transfer at checkout"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <Textarea
            label="Transfer details"
            description="Shown to the buyer with the amount and their reference"
            placeholder={
              'Account holder: Nightfall Presents GmbH\nIBAN: DE02 1001 0010 0006 8201 01\nBIC: PBNKDEFF'
            }
            autosize
            minRows={3}
            maxRows={8}
            {...form.getInputProps('instructions')}
          />
          <NumberInput
            label="Days to pay"
            description="Tickets stay held this long"
            min={1}
            max={30}
            allowDecimal={false}
            allowNegative={false}
            maw={220}
            {...form.getInputProps('deadlineDays')}
          />
          {formError && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {formError}
            </Alert>
          )}
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save bank transfer
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
