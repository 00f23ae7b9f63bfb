import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconSend } from '@tabler/icons-react';
import { CreateMessageBody, type Event, type EventMessage, type EventMessageList } from '@zevents/contracts';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../../api/client';
import { FormActions } from '../../../components/ui/FormActions';
import { ListStates } from '../../../components/ui/PagedList';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { formatInZone } from '../lib/zoned-time';

const messagesKey = (eventId: string) => ['events', eventId, 'messages'] as const;

interface MessageValues {
  subject: string;
  body: string;
  who: 'all' | 'checked_in' | 'not_checked_in';
  ticketTypeIds: string[];
}

const toBody = (values: MessageValues): CreateMessageBody => ({
  subject: values.subject.trim(),
  body: values.body.trim(),
  audience: {
    ...(values.ticketTypeIds.length > 0 ? { ticketTypeIds: values.ticketTypeIds } : {}),
    ...(values.who === 'all' ? {} : { checkedIn: values.who === 'checked_in' }),
  },
});

const validate = schemaValidator<MessageValues>(CreateMessageBody, {
  toBody,
  messages: { subject: 'Enter a subject, up to 200 characters', body: 'Write the message' },
});

/** One sent message: its audience and how far delivery has come. */
function MessageRow({ message, timeZone }: { message: EventMessage; timeZone: string }) {
  const done = message.delivery.sent + message.delivery.failed;
  const share = message.recipients === 0 ? 100 : Math.round((done / message.recipients) * 100);
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} truncate="end">
          {message.subject}
        </Text>
        <Badge variant="light" color={message.status === 'sent' ? 'teal' : 'indigo'}>
          {message.status === 'sent' ? 'Sent' : 'Sending'}
        </Badge>
      </Group>
      <Progress value={share} aria-label={`Delivery of “${message.subject}”: ${share}%`} />
      <Text size="xs" c="dimmed">
        {formatInZone(message.createdAt, timeZone, { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
        {message.delivery.sent} of {message.recipients} delivered
        {message.delivery.failed > 0 ? ` · ${message.delivery.failed} failed` : ''}
      </Text>
    </Stack>
  );
}

/** Email the attendees: subject, Markdown body, who; sent messages with their delivery progress. */
export function MessagesSection({ event, editable }: { event: Event; editable: boolean }) {
  const queryClient = useQueryClient();
  const messages = useQuery({
    queryKey: messagesKey(event.id),
    queryFn: ({ signal }) =>
      api<EventMessageList>(`/api/events/${encodeURIComponent(event.id)}/messages`, { signal }),
    // While a message is on its way the counts move: follow them.
    refetchInterval: (query) =>
      query.state.data?.items.some((item) => item.status === 'sending') ? 2_000 : false,
  });
  // One key per message being written: a double click or a retry sends it once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const send = useMutation({
    mutationFn: (body: CreateMessageBody) =>
      api<EventMessage>(`/api/events/${encodeURIComponent(event.id)}/messages`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagesKey(event.id) }),
  });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<MessageValues>({
    initialValues: { subject: '', body: '', who: 'all', ticketTypeIds: [] },
    validate,
  });
  const items = messages.data?.items ?? [];

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const sent = await send.mutateAsync(toBody(values));
      notifications.show({
        color: 'teal',
        message: `Sending to ${sent.recipients} attendee${sent.recipients === 1 ? '' : 's'}`,
      });
      form.reset();
      setIdempotencyKey(newIdempotencyKey());
    } catch (error) {
      setFormError(applyFormErrors(form, error));
    }
  });

  return (
    <Stack gap="lg">
      {editable && (
        <form onSubmit={submit} noValidate aria-label="Message to attendees">
          <Stack gap="md">
            <TextInput label="Subject" required {...form.getInputProps('subject')} />
            <Textarea
              label="Message"
              description="Markdown: **bold**, *italic*, [links](https://example.com), lists"
              required
              autosize
              minRows={5}
              {...form.getInputProps('body')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="message-who">
                Send to
              </Text>
              <SegmentedControl
                aria-labelledby="message-who"
                fullWidth
                data={[
                  { value: 'all', label: 'Everyone' },
                  { value: 'checked_in', label: 'Checked in' },
                  { value: 'not_checked_in', label: 'Not in yet' },
                ]}
                {...form.getInputProps('who')}
              />
            </Stack>
            <MultiSelect
              label="Ticket types"
              description="Empty: every ticket type"
              data={(event.ticketTypes ?? []).map((type) => ({ value: type.id, label: type.name }))}
              {...form.getInputProps('ticketTypeIds')}
            />
            <FormActions error={formError} saving={send.isPending} submitLabel="Send message" />
          </Stack>
        </form>
      )}
      <div>
        <Title order={3} size="h5" mb="sm">
          <Group gap={6} component="span">
            <IconSend size={16} aria-hidden /> Sent messages
          </Group>
        </Title>
        <ListStates
          query={messages}
          isEmpty={items.length === 0}
          loadingLabel="Loading messages…"
          emptyTitle="No messages yet"
          emptyText="Tell attendees about doors, parking or a change of plan."
        >
          <Stack gap="md">
            {items.map((message) => (
              <MessageRow key={message.id} message={message} timeZone={event.timezone} />
            ))}
          </Stack>
        </ListStates>
      </div>
      {!editable && items.length === 0 && (
        <Button variant="subtle" disabled>
          Owners and admins send messages
        </Button>
      )}
    </Stack>
  );
}
