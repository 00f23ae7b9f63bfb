import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import type { PromoCode } from '@zevents/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const reasonId = useId();
  const deleteBlocker = promoCodeDeleteBlocker(code);
  const toggle = code.isActive
    ? {
        action: 'deactivate' as const,
        label: t('web.org.editor.promo.deactivate'),
        ariaLabel: t('web.org.editor.promo.deactivateLabel', { code: code.code }),
        icon: <IconPlayerPause size={18} />,
      }
    : {
        action: 'reactivate' as const,
        label: t('web.org.editor.promo.reactivate'),
        ariaLabel: t('web.org.editor.promo.reactivateLabel', { code: code.code }),
        icon: <IconPlayerPlay size={18} />,
      };
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Tooltip label={t('web.org.editor.ticketTypes.edit')}>
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label={t('web.org.editor.ticketTypes.editLabel', { name: code.code })}
          onClick={() => onAction('edit')}
        >
          <IconPencil size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={toggle.label}>
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label={toggle.ariaLabel}
          onClick={() => onAction(toggle.action)}
        >
          {toggle.icon}
        </ActionIcon>
      </Tooltip>
      <Tooltip
        label={deleteBlocker ?? t('web.org.editor.ticketTypes.delete')}
        multiline
        w={deleteBlocker ? 260 : undefined}
      >
        {/* A disabled button gets no pointer events: the wrapper still shows the tooltip. */}
        <span>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('web.org.editor.ticketTypes.deleteLabel', { name: code.code })}
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
