import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type Ticket, TransferTicketBody } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTransferTicket } from '../../api/useTicketTransfer';
import { FormActions } from '../../components/ui/FormActions';
import { schemaValidator } from '../../components/ui/schema-validation';
import { applyFormErrors } from '../../components/ui/useFormErrorResponseHandler';

/**
 * Passes one ticket to another person: they get it by email with a new code, and the old QR stops
 * working at once. Used by buyers on their order page and by organizers on the order desk.
 */
export function TransferTicketModal({
  ticket,
  orderId,
  token,
  onClose,
}: {
  ticket: Ticket | null;
  orderId: string;
  token: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const transfer = useTransferTicket(orderId, token);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', email: '' },
    validate: schemaValidator<{ name: string; email: string }>(TransferTicketBody, {
      messages: {
        name: t('web.checkout.transfer.enterName'),
        email: t('web.checkout.transfer.enterEmail'),
      },
    }),
  });

  const submit = form.onSubmit(async (values) => {
    if (!ticket) return;
    setFormError(null);
    try {
      await transfer.mutateAsync({
        ticketId: ticket.id,
        body: { name: values.name.trim(), email: values.email.trim() },
      });
      notifications.show({
        color: 'teal',
        message: t('web.checkout.transfer.sent', { name: values.name.trim() }),
      });
      form.reset();
      onClose();
    } catch (error) {
      setFormError(
        applyFormErrors(form, error, {
          codeMessages: {
            TRANSFER_CLOSED: t('web.checkout.transfer.closed'),
            ALREADY_CHECKED_IN: t('web.checkout.transfer.used'),
            TICKET_VOID: t('web.checkout.transfer.void'),
          },
        }),
      );
    }
  });

  return (
    <Modal
      opened={ticket !== null}
      onClose={onClose}
      title={t('web.checkout.transfer.title')}
      centered
      radius="xl"
    >
      <form onSubmit={submit} noValidate aria-label={t('web.checkout.transfer.title')}>
        <Stack gap="md">
          <Text size="sm">{t('web.checkout.transfer.body')}</Text>
          <TextInput
            label={t('web.checkout.transfer.theirName')}
            required
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('web.checkout.transfer.theirEmail')}
            type="email"
            required
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <FormActions
            error={formError}
            saving={transfer.isPending}
            submitLabel={t('web.checkout.transfer.submit')}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
