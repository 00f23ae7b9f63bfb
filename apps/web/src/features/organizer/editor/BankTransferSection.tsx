import { Alert, Button, Group, NumberInput, Stack, Switch, Text, Title, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { BankTransferSettingsInput, type Event } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { useUpdateEvent } from '../mutations/useUpdateEvent';
import { maxChars, numberOrNaN } from './form-body';

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
  const { t } = useTranslation();
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
          issue.code === 'too_big' ? maxChars(2_000) : i18n.t('web.org.editor.bank.instructionsRequired'),
        deadlineDays: () => i18n.t('web.org.editor.bank.daysInvalid'),
      },
    }),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({ bankTransfer: valuesToBankTransfer(values) });
      form.resetDirty();
      notifications.show({ color: 'teal', message: t('web.org.editor.bank.saved') });
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
    <form onSubmit={submit} noValidate aria-label={t('web.org.editor.bank.title')}>
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <Title order={2} size="h4">
            {t('web.org.editor.bank.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('web.org.editor.bank.intro')}
          </Text>
          <Switch
            label={t('web.org.editor.bank.enable')}
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <Textarea
            label={t('web.org.editor.bank.details')}
            description={t('web.org.editor.bank.detailsHint')}
            placeholder={t('web.org.editor.bank.detailsPlaceholder')}
            autosize
            minRows={3}
            maxRows={8}
            {...form.getInputProps('instructions')}
          />
          <NumberInput
            label={t('web.org.editor.bank.days')}
            description={t('web.org.editor.bank.daysHint')}
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
                {t('web.org.editor.bank.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
