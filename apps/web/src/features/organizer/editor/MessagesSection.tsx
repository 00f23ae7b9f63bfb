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
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../../../api/client';
import { FormActions } from '../../../components/ui/FormActions';
import { ListStates } from '../../../components/ui/PagedList';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { i18n } from '../../../i18n/i18n';
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
  messages: {
    subject: () => i18n.t('web.org.editor.messages.subjectRequired'),
    body: () => i18n.t('web.org.editor.messages.bodyRequired'),
  },
});

/** One sent message: its audience and how far delivery has come. */
function MessageRow({ message, timeZone }: { message: EventMessage; timeZone: string }) {
  const { t } = useTranslation();
  const done = message.delivery.sent + message.delivery.failed;
  const share = message.recipients === 0 ? 100 : Math.round((done / message.recipients) * 100);
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} truncate="end">
          {message.subject}
        </Text>
        <Badge variant="light" color={message.status === 'sent' ? 'teal' : 'indigo'}>
          {message.status === 'sent'
            ? t('web.org.editor.messages.sent')
            : t('web.org.editor.messages.sending')}
        </Badge>
      </Group>
      <Progress
        value={share}
        aria-label={t('web.org.editor.messages.delivery', { subject: message.subject, share })}
      />
      <Text size="xs" c="dimmed">
        {formatInZone(message.createdAt, timeZone, { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
        {t('web.org.editor.messages.delivered', { sent: message.delivery.sent, count: message.recipients })}
        {message.delivery.failed > 0
          ? ` · ${t('web.org.editor.messages.failed', { failed: message.delivery.failed })}`
          : ''}
      </Text>
    </Stack>
  );
}

/** Email the attendees: subject, Markdown body, who; sent messages with their delivery progress. */
export function MessagesSection({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
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
        message: t('web.org.editor.messages.sendingTo', { count: sent.recipients }),
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
        <form onSubmit={submit} noValidate aria-label={t('web.org.editor.messages.form')}>
          <Stack gap="md">
            <TextInput
              label={t('web.org.editor.messages.subject')}
              required
              {...form.getInputProps('subject')}
            />
            <Textarea
              label={t('web.org.editor.messages.body')}
              description={t('web.org.editor.messages.bodyHint')}
              required
              autosize
              minRows={5}
              {...form.getInputProps('body')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="message-who">
                {t('web.org.editor.messages.sendTo')}
              </Text>
              <SegmentedControl
                aria-labelledby="message-who"
                fullWidth
                data={[
                  { value: 'all', label: t('web.org.editor.messages.everyone') },
                  { value: 'checked_in', label: t('web.org.editor.messages.checkedIn') },
                  { value: 'not_checked_in', label: t('web.org.editor.messages.notIn') },
                ]}
                {...form.getInputProps('who')}
              />
            </Stack>
            <MultiSelect
              label={t('web.org.editor.tabs.tickets')}
              description={t('web.org.editor.promoForm.appliesHint')}
              data={(event.ticketTypes ?? []).map((type) => ({ value: type.id, label: type.name }))}
              {...form.getInputProps('ticketTypeIds')}
            />
            <FormActions
              error={formError}
              saving={send.isPending}
              submitLabel={t('web.org.editor.messages.send')}
            />
          </Stack>
        </form>
      )}
      <div>
        <Title order={3} size="h5" mb="sm">
          <Group gap={6} component="span">
            <IconSend size={16} aria-hidden /> {t('web.org.editor.messages.sentTitle')}
          </Group>
        </Title>
        <ListStates
          query={messages}
          isEmpty={items.length === 0}
          loadingLabel={t('web.org.editor.messages.loading')}
          emptyTitle={t('web.org.editor.messages.emptyTitle')}
          emptyText={t('web.org.editor.messages.emptyText')}
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
          {t('web.org.editor.messages.ownersOnly')}
        </Button>
      )}
    </Stack>
  );
}
