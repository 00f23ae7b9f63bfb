import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type Event, WaitingRoomSettings } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
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
    opensMinutesBefore: () => i18n.t('web.org.editor.waitingRoom.opensInvalid'),
    admitPerMinute: () => i18n.t('web.org.editor.reminders.wholeAmount'),
    passMinutes: () => i18n.t('web.org.editor.waitingRoom.passInvalid'),
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
  const { t } = useTranslation();
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
      notifications.show({ color: 'teal', message: t('web.org.editor.waitingRoom.saved') });
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
    <form onSubmit={submit} noValidate aria-label={t('web.org.editor.tabs.waitingRoom')}>
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {t('web.org.editor.waitingRoom.intro')}
          </Text>
          <Text size="sm">
            {salesOpenAt
              ? t('web.org.editor.waitingRoom.salesOpen', {
                  when: formatInZone(salesOpenAt, event.timezone, {
                    weekday: 'short',
                    day: 'numeric',
                    month: 'short',
                    hour: 'numeric',
                    minute: '2-digit',
                    timeZoneName: 'short',
                  }),
                })
              : t('web.org.editor.waitingRoom.openAlready')}
          </Text>
          <Switch
            label={t('web.org.editor.waitingRoom.enable')}
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
            <NumberInput
              label={t('web.org.editor.waitingRoom.queueOpens')}
              description={t('web.org.editor.waitingRoom.queueOpensHint')}
              min={0}
              max={10_080}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('opensMinutesBefore')}
            />
            <NumberInput
              label={t('web.org.editor.waitingRoom.admit')}
              description={t('web.org.editor.waitingRoom.admitHint')}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('admitPerMinute')}
            />
            <NumberInput
              label={t('web.org.editor.waitingRoom.pass')}
              description={t('web.org.editor.waitingRoom.passHint')}
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
                {t('web.org.editor.waitingRoom.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
