import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBell, IconPlus, IconTrash } from '@tabler/icons-react';
import { CreateReminderBody, DEFAULT_REMINDER_OFFSETS, type Event } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useNow } from '../../../components/ui/useNow';
import { ApiError } from '../../../api/client';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { formatInZone } from '../lib/zoned-time';
import { useAddReminder, useRemoveReminder } from '../mutations/useReminderMutations';
import { useReminders } from '../queries/useReminders';
import { numberOrNaN } from './form-body';
import {
  describeOffset,
  describeReminderState,
  reminderState,
  UNIT_MINUTES,
  type OffsetUnit,
} from './reminder-offsets';

interface ReminderValues {
  amount: number | string;
  unit: OffsetUnit;
}

const offsetMinutes = (values: ReminderValues) => numberOrNaN(values.amount) * UNIT_MINUTES[values.unit];

const wholeAmount = () => i18n.t('web.org.editor.reminders.wholeAmount');

/**
 * The API's own check of the offset (`CreateReminderBody`) in minutes, plus what the form asks of the
 * amount before it is converted: 1.5 hours would be whole minutes, but the form counts whole units.
 */
const validateReminder = schemaValidator<ReminderValues>(CreateReminderBody, {
  toBody: (values) => ({ offsetMinutes: offsetMinutes(values) }),
  fields: { offsetMinutes: 'amount' },
  messages: {
    amount: (issue) =>
      issue.code === 'too_big' ? i18n.t('web.org.editor.reminders.tooFar', { count: 60 }) : wholeAmount(),
  },
  extraChecks: (values) => ({
    amount: Number.isInteger(numberOrNaN(values.amount)) && Number(values.amount) >= 1 ? null : wholeAmount(),
  }),
});

/** When attendees get their reminder email, counted back from the start of the event. */
export function RemindersSection({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const reminders = useReminders(event.id);
  const add = useAddReminder(event.id);
  const remove = useRemoveReminder(event.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ReminderValues>({
    initialValues: { amount: 3, unit: 'hours' },
    validate: validateReminder,
  });
  const offsets = [...(reminders.data?.items ?? [])]
    .map((reminder) => reminder.offsetMinutes)
    .sort((a, b) => b - a);
  const startsAt = Date.parse(event.startsAt);
  const now = useNow().getTime();

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const minutes = offsetMinutes(values);
    add.mutate(minutes, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          message: t('web.org.editor.reminders.added', { offset: describeOffset(minutes) }),
        }),
      onError: (error) =>
        setFormError(
          error instanceof ApiError && error.code === 'REMINDER_EXISTS'
            ? t('web.org.editor.reminders.exists', { offset: describeOffset(minutes) })
            : describeApiError(error),
        ),
    });
  });

  const addDefaults = async () => {
    try {
      for (const offset of DEFAULT_REMINDER_OFFSETS)
        if (!offsets.includes(offset)) await add.mutateAsync(offset);
    } catch (error) {
      notifications.show({ color: 'red', message: describeApiError(error) });
    }
  };

  return (
    <Stack gap="md">
      <Text c="dimmed" size="sm">
        {t('web.org.editor.reminders.intro')}
      </Text>
      {reminders.isPending ? (
        <LoadingState label={t('web.org.editor.reminders.loading')} />
      ) : reminders.isError ? (
        <ErrorState error={reminders.error} onRetry={() => void reminders.refetch()} />
      ) : offsets.length === 0 ? (
        <Stack align="center" gap="xs">
          <EmptyState title={t('web.org.editor.reminders.emptyTitle')}>
            {t('web.org.editor.reminders.emptyText')}
          </EmptyState>
          {editable && (
            <Button variant="light" onClick={() => void addDefaults()} loading={add.isPending}>
              {t('web.org.editor.reminders.addDefaults')}
            </Button>
          )}
        </Stack>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {offsets.map((offset) => {
            const sendAt = startsAt - offset * 60_000;
            const state = reminderState(sendAt, now, event.status);
            return (
              <Paper key={offset} component="li" withBorder p="sm" radius="lg" bg="var(--mantine-color-body)">
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="sm" wrap="nowrap">
                    <IconBell size={18} aria-hidden color="var(--mantine-color-indigo-6)" />
                    <Stack gap={0}>
                      <Text fw={600}>{describeOffset(offset)}</Text>
                      <Text size="xs" c="dimmed">
                        {describeReminderState(
                          state,
                          formatInZone(new Date(sendAt).toISOString(), event.timezone),
                        )}
                      </Text>
                    </Stack>
                  </Group>
                  {editable && (
                    <Tooltip label={t('web.org.editor.reminders.remove')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('web.org.editor.reminders.removeLabel', {
                          offset: describeOffset(offset),
                        })}
                        loading={remove.isPending && remove.variables === offset}
                        onClick={() =>
                          remove.mutate(offset, {
                            onError: (error) =>
                              notifications.show({ color: 'red', message: describeApiError(error) }),
                          })
                        }
                      >
                        <IconTrash size={18} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
      {editable && (
        <form onSubmit={submit} noValidate aria-label={t('web.org.editor.reminders.form')}>
          <Stack gap="xs">
            <Group align="flex-start" gap="xs" wrap="wrap">
              <NumberInput
                label={t('web.org.editor.reminders.remind')}
                min={1}
                allowDecimal={false}
                allowNegative={false}
                w={110}
                {...form.getInputProps('amount')}
                error={Boolean(form.errors.amount)}
                aria-describedby={form.errors.amount ? 'reminder-amount-error' : undefined}
              />
              <Select
                label={t('web.org.editor.reminders.unit')}
                w={140}
                allowDeselect={false}
                data={[
                  { value: 'minutes', label: t('web.org.editor.reminders.unitMinutes') },
                  { value: 'hours', label: t('web.org.editor.reminders.unitHours') },
                  { value: 'days', label: t('web.org.editor.reminders.unitDays') },
                ]}
                {...form.getInputProps('unit')}
              />
              <Button
                type="submit"
                mt={25}
                leftSection={<IconPlus size={16} />}
                loading={add.isPending}
                variant="light"
              >
                {t('web.org.editor.reminders.add')}
              </Button>
            </Group>
            {form.errors.amount && (
              <Text size="sm" c="red.8" id="reminder-amount-error" role="alert">
                {form.errors.amount}
              </Text>
            )}
            {formError && (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
                {formError}
              </Alert>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
