import { Button, Group } from '@mantine/core';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconSend, IconTrash } from '@tabler/icons-react';
import type { Webhook } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';

/**
 * Test, off/on, edit, delete. Each name ends with the URL (the visible word first, as WCAG's
 * "label in name" asks) so a screen reader's list of buttons tells endpoints apart.
 */
export function WebhookActions({
  webhook,
  isTesting,
  isSwitching,
  onTest,
  onSetActive,
  onEdit,
  onDelete,
}: {
  webhook: Webhook;
  isTesting: boolean;
  isSwitching: boolean;
  onTest: () => void;
  onSetActive: (active: boolean) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const { url, active } = webhook;
  return (
    <Group gap="xs" wrap="wrap">
      <Button
        variant="light"
        leftSection={<IconSend size={16} />}
        loading={isTesting}
        onClick={onTest}
        aria-label={t('web.org.settings.webhooks.actions.testLabel', { url })}
      >
        {t('web.org.settings.webhooks.actions.test')}
      </Button>
      <Button
        variant="default"
        leftSection={active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
        loading={isSwitching}
        onClick={() => onSetActive(!active)}
        aria-label={
          active
            ? t('web.org.settings.webhooks.actions.turnOffLabel', { url })
            : t('web.org.settings.webhooks.actions.turnOnLabel', { url })
        }
      >
        {active
          ? t('web.org.settings.webhooks.actions.turnOff')
          : t('web.org.settings.webhooks.actions.turnOn')}
      </Button>
      <Button
        variant="default"
        leftSection={<IconPencil size={16} />}
        onClick={onEdit}
        aria-label={t('web.org.settings.webhooks.actions.editLabel', { url })}
      >
        {t('web.org.settings.webhooks.actions.edit')}
      </Button>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={16} />}
        onClick={onDelete}
        aria-label={t('web.org.settings.webhooks.actions.deleteLabel', { url })}
      >
        {t('web.org.settings.webhooks.actions.delete')}
      </Button>
    </Group>
  );
}
