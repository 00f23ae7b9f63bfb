import { Button, Group } from '@mantine/core';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconSend, IconTrash } from '@tabler/icons-react';
import type { Webhook } from '@zevents/contracts';

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
  const { url, active } = webhook;
  return (
    <Group gap="xs" wrap="wrap">
      <Button
        variant="light"
        leftSection={<IconSend size={16} />}
        loading={isTesting}
        onClick={onTest}
        aria-label={`Send test event to ${url}`}
      >
        Send test event
      </Button>
      <Button
        variant="default"
        leftSection={active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
        loading={isSwitching}
        onClick={() => onSetActive(!active)}
        aria-label={`${active ? 'Turn off' : 'Turn on'} ${url}`}
      >
        {active ? 'Turn off' : 'Turn on'}
      </Button>
      <Button
        variant="default"
        leftSection={<IconPencil size={16} />}
        onClick={onEdit}
        aria-label={`Edit ${url}`}
      >
        Edit
      </Button>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={16} />}
        onClick={onDelete}
        aria-label={`Delete ${url}`}
      >
        Delete
      </Button>
    </Group>
  );
}
