import { Button, List, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBan, IconRocket } from '@tabler/icons-react';
import type { Event } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { formatInZone } from '../lib/zoned-time';
import { useCancelEvent, usePublishEvent } from '../mutations/useEventStatusChange';

/** Publish a draft, or cancel the event; both ask first, cancelling twice as hard. */
export function EventLifecycleActions({ event }: { event: Event }) {
  const { t } = useTranslation();
  const publish = usePublishEvent(event.id);
  const cancel = useCancelEvent(event.id);
  const [publishing, publishDialog] = useDisclosure(false);
  const [cancelling, cancelDialog] = useDisclosure(false);
  const [confirmText, setConfirmText] = useState('');
  const types = event.ticketTypes ?? [];

  const publishError =
    publish.error instanceof ApiError && publish.error.code === 'NO_TICKET_TYPES'
      ? t('web.org.editor.lifecycle.noTicketTypes')
      : publish.error
        ? describeApiError(publish.error)
        : null;

  return (
    <>
      {event.status === 'draft' && (
        <Button
          leftSection={<IconRocket size={18} />}
          onClick={() => {
            publish.reset();
            publishDialog.open();
          }}
        >
          {t('web.org.editor.lifecycle.publish')}
        </Button>
      )}
      {event.status !== 'cancelled' && (
        <Button
          variant="light"
          color="red"
          leftSection={<IconBan size={18} />}
          onClick={() => {
            cancel.reset();
            setConfirmText('');
            cancelDialog.open();
          }}
        >
          {t('web.org.editor.lifecycle.cancelEvent')}
        </Button>
      )}

      <ConfirmDialog
        opened={publishing}
        onClose={publishDialog.close}
        title={t('web.org.editor.lifecycle.publishTitle')}
        confirmLabel={t('web.org.editor.lifecycle.publishConfirm')}
        cancelLabel={t('web.org.editor.lifecycle.publishKeep')}
        loading={publish.isPending}
        error={publishError}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: () => {
              publishDialog.close();
              notifications.show({
                color: 'teal',
                title: t('web.org.editor.lifecycle.published'),
                message: t('web.org.editor.lifecycle.onSale', { title: event.title }),
              });
            },
          })
        }
      >
        <Text size="sm">
          <b>{event.title}</b> (
          {formatInZone(event.startsAt, event.timezone, { dateStyle: 'long', timeStyle: 'short' })}){' '}
          {t('web.org.editor.lifecycle.publishBody')}
        </Text>
        {types.length === 0 ? (
          <Text size="sm" c="red">
            {t('web.org.editor.lifecycle.noTypesYet')}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('web.org.editor.lifecycle.typeList', {
              count: types.length,
              names: types.map((type) => type.name).join(', '),
            })}
          </Text>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        opened={cancelling}
        onClose={cancelDialog.close}
        title={t('web.org.editor.lifecycle.cancelTitle')}
        confirmLabel={t('web.org.editor.lifecycle.cancelConfirm')}
        cancelLabel={t('web.org.editor.lifecycle.cancelKeep')}
        danger
        loading={cancel.isPending}
        error={cancel.error ? describeApiError(cancel.error) : null}
        confirmDisabled={confirmText.trim().toLowerCase() !== 'cancel'}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              cancelDialog.close();
              notifications.show({
                color: 'orange',
                title: t('web.org.editor.lifecycle.cancelled'),
                message: t('web.org.editor.lifecycle.cancelledBody'),
              });
            },
          })
        }
      >
        <Text size="sm">{t('web.org.editor.lifecycle.cancelIntro', { title: event.title })}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('web.org.editor.lifecycle.cancelRefund')}</List.Item>
          <List.Item>{t('web.org.editor.lifecycle.cancelEmail')}</List.Item>
          <List.Item>{t('web.org.editor.lifecycle.cancelStop')}</List.Item>
        </List>
        <TextInput
          label={t('web.org.editor.lifecycle.cancelTypeLabel')}
          value={confirmText}
          onChange={(e) => setConfirmText(e.currentTarget.value)}
          autoComplete="off"
        />
      </ConfirmDialog>
    </>
  );
}
