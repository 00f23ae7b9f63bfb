import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import type { PromoCode } from '@zevents/contracts';
import { useId } from 'react';
import { promoCodeDeleteBlocker } from './catalogue-rules';

export type PromoCodeAction = 'edit' | 'deactivate' | 'reactivate' | 'delete';

/** Edit, switch off or on, delete (or why not) for one code of the table. */
export function PromoCodeRowActions({
  code,
  onAction,
}: {
  code: PromoCode;
  onAction: (action: PromoCodeAction) => void;
}) {
  const reasonId = useId();
  const deleteBlocker = promoCodeDeleteBlocker(code);
  const toggle = code.isActive
    ? { action: 'deactivate' as const, label: 'Deactivate', icon: <IconPlayerPause size={18} /> }
    : { action: 'reactivate' as const, label: 'Reactivate', icon: <IconPlayerPlay size={18} /> };
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Tooltip label="Edit">
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label={`Edit ${code.code}`}
          onClick={() => onAction('edit')}
        >
          <IconPencil size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={toggle.label}>
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label={`${toggle.label} ${code.code}`}
          onClick={() => onAction(toggle.action)}
        >
          {toggle.icon}
        </ActionIcon>
      </Tooltip>
      <Tooltip label={deleteBlocker ?? 'Delete'} multiline w={deleteBlocker ? 260 : undefined}>
        {/* A disabled button gets no pointer events: the wrapper still shows the tooltip. */}
        <span>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Delete ${code.code}`}
            aria-describedby={deleteBlocker ? reasonId : undefined}
            disabled={deleteBlocker !== null}
            onClick={() => onAction('delete')}
          >
            <IconTrash size={18} />
          </ActionIcon>
          {deleteBlocker && (
            <span id={reasonId} hidden>
              {deleteBlocker}
            </span>
          )}
        </span>
      </Tooltip>
    </Group>
  );
}
