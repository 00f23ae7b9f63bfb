import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type Ticket, TransferTicketBody } from '@zevents/contracts';
import { useState } from 'react';
import { useTransferTicket } from '../../api/useTicketTransfer';
import { FormActions } from '../../components/ui/FormActions';
import { schemaValidator } from '../../components/ui/schema-validation';
import { applyFormErrors } from '../../components/ui/useFormErrorResponseHandler';

const validate = schemaValidator<{ name: string; email: string }>(TransferTicketBody, {
  messages: { name: 'Enter the name of the person who will use it', email: 'Enter their email address' },
});

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
  const transfer = useTransferTicket(orderId, token);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '', email: '' }, validate });

  const submit = form.onSubmit(async (values) => {
    if (!ticket) return;
    setFormError(null);
    try {
      await transfer.mutateAsync({
        ticketId: ticket.id,
        body: { name: values.name.trim(), email: values.email.trim() },
      });
      notifications.show({ color: 'teal', message: `Ticket sent to ${values.name.trim()}` });
      form.reset();
      onClose();
    } catch (error) {
      setFormError(
        applyFormErrors(form, error, {
          codeMessages: {
            TRANSFER_CLOSED: 'Tickets of this event can no longer be transferred here. Ask the organizer.',
            ALREADY_CHECKED_IN: 'This ticket was already used at the door.',
            TICKET_VOID: 'This ticket was refunded or cancelled.',
          },
        }),
      );
    }
  });

  return (
    <Modal opened={ticket !== null} onClose={onClose} title="Transfer this ticket" centered radius="xl">
      <form onSubmit={submit} noValidate aria-label="Transfer this ticket">
        <Stack gap="md">
          <Text size="sm">
            The new holder gets the ticket by email with a new code. The current QR code and any printout of
            it stop working at once.
          </Text>
          <TextInput label="Their name" required autoComplete="off" {...form.getInputProps('name')} />
          <TextInput
            label="Their email"
            type="email"
            required
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <FormActions
            error={formError}
            saving={transfer.isPending}
            submitLabel="Transfer ticket"
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
