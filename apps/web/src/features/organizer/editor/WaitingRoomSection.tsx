import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type Event, WaitingRoomSettings } from '@zevents/contracts';
import { useState } from 'react';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { formatInZone } from '../lib/zoned-time';
import { useUpdateEvent } from '../mutations/useUpdateEvent';
import { numberOrNaN } from './form-body';

interface WaitingRoomValues {
  enabled: boolean;
  opensMinutesBefore: number | string;
  admitPerMinute: number | string;
  passMinutes: number | string;
}

const DEFAULTS = { enabled: false, opensMinutesBefore: 30, admitPerMinute: 300, passMinutes: 10 };

export const valuesToSettings = (values: WaitingRoomValues): WaitingRoomSettings => ({
  enabled: values.enabled,
  opensMinutesBefore: numberOrNaN(values.opensMinutesBefore),
  admitPerMinute: numberOrNaN(values.admitPerMinute),
  passMinutes: numberOrNaN(values.passMinutes),
});

const validateWaitingRoom = schemaValidator<WaitingRoomValues>(WaitingRoomSettings, {
  toBody: valuesToSettings,
  messages: {
    opensMinutesBefore: 'A whole number of minutes, from 0 to 10,080 (a week)',
    admitPerMinute: 'A whole number, at least 1',
    passMinutes: 'A whole number of minutes, from 1 to 1,440',
  },
});

/** When the sales open: the earliest start of the ticket types (none set: they are open already). */
function salesOpenAtOf(event: Event): string | null {
  const types = event.ticketTypes ?? [];
  if (types.length === 0 || types.some((type) => type.salesStartAt === null)) return null;
  return types.map((type) => type.salesStartAt ?? '').sort()[0] ?? null;
}

/** The fair waiting room in front of the sale: on or off, when the queue opens, the pace and the pass. */
export function WaitingRoomSection({ event, editable }: { event: Event; editable: boolean }) {
  const update = useUpdateEvent(event.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<WaitingRoomValues>({
    initialValues: event.waitingRoom ?? DEFAULTS,
    validate: validateWaitingRoom,
  });
  const salesOpenAt = salesOpenAtOf(event);

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({ waitingRoom: valuesToSettings(values) });
      form.resetDirty();
      notifications.show({ color: 'teal', message: 'Waiting room saved' });
    } catch (error) {
      setFormError(
        applyFormErrors(form, error, {
          fields: {
            'waitingRoom.opensMinutesBefore': 'opensMinutesBefore',
            'waitingRoom.admitPerMinute': 'admitPerMinute',
            'waitingRoom.passMinutes': 'passMinutes',
          },
        }),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Waiting room">
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            A flash sale draws more buyers than the sale can serve at once. With the waiting room on, visitors
            who arrive before the sales open get a random place in a queue (refreshing early gains nothing),
            later visitors queue in order, and they are let in at the pace you set, each with a pass to buy.
          </Text>
          <Text size="sm">
            {salesOpenAt
              ? `Sales open ${formatInZone(salesOpenAt, event.timezone, {
                  weekday: 'short',
                  day: 'numeric',
                  month: 'short',
                  hour: 'numeric',
                  minute: '2-digit',
                  timeZoneName: 'short',
                })} (the earliest sales start of the ticket types).`
              : 'A ticket type has no sales start, so the sale is open already: visitors queue in order.'}
          </Text>
          <Switch
            label="Put a waiting room in front of the sale"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
            <NumberInput
              label="Queue opens"
              description="Minutes before the sales open"
              min={0}
              max={10_080}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('opensMinutesBefore')}
            />
            <NumberInput
              label="Visitors let in"
              description="Per minute"
              min={1}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('admitPerMinute')}
            />
            <NumberInput
              label="Time to buy"
              description="Minutes a pass lasts"
              min={1}
              max={1_440}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('passMinutes')}
            />
          </SimpleGrid>
          {formError && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {formError}
            </Alert>
          )}
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save waiting room
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
