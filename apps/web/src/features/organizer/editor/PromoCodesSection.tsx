import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { formatMoney, type Event, type PromoCode } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
import { ApiError } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { DataTable } from '../../../components/ui/DataTable';
import { ListStates } from '../../../components/ui/PagedList';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { formatInZone } from '../lib/zoned-time';
import { useCreatePromoCode } from '../mutations/useCreatePromoCode';
import { useDeletePromoCode, useUpdatePromoCode } from '../mutations/usePromoCodeMutations';
import { usePromoCodes } from '../queries/usePromoCodes';
import { type PromoCodeState, promoCodeState } from './catalogue-rules';
import { PromoCodeForm } from './PromoCodeForm';
import { type PromoCodeAction, PromoCodeRowActions } from './PromoCodeRowActions';
import { formatCount } from '../../../components/ui/money';

const STATE_COLOR: Record<PromoCodeState, string> = {
  active: 'teal',
  inactive: 'red',
  scheduled: 'blue',
  ended: 'gray',
  'used up': 'orange',
};

const STATE_KEY = {
  active: 'web.org.editor.promo.stateActive',
  inactive: 'web.org.editor.promo.stateInactive',
  scheduled: 'web.org.editor.promo.stateScheduled',
  ended: 'web.org.editor.promo.stateEnded',
  'used up': 'web.org.editor.promo.stateUsedUp',
} as const satisfies Record<PromoCodeState, string>;

type Pending = { kind: 'delete' | 'deactivate'; code: PromoCode };

function discountLabel(code: PromoCode, currency: string): string {
  if (code.percentOff !== null)
    return i18n.t('web.org.editor.promo.percentOff', {
      percent: code.percentOff.toLocaleString(currentIntlLocale()),
    });
  if (code.amountOffCents !== null)
    return i18n.t('web.org.editor.promo.amountOff', {
      amount: formatMoney(code.amountOffCents, currency, currentIntlLocale()),
    });
  return '—';
}

function windowLabel(code: PromoCode, timeZone: string): string {
  const fmt = (iso: string) => formatInZone(iso, timeZone, { dateStyle: 'medium' });
  if (code.validFrom && code.validUntil) return `${fmt(code.validFrom)} – ${fmt(code.validUntil)}`;
  if (code.validFrom) return i18n.t('web.org.editor.ticketTypes.salesFrom', { when: fmt(code.validFrom) });
  if (code.validUntil) return i18n.t('web.org.editor.ticketTypes.salesUntil', { when: fmt(code.validUntil) });
  return i18n.t('web.org.editor.promo.always');
}

/** What switching a code said, from the code the server answered with (its window is kept). */
function switchedMessage(code: PromoCode): string {
  if (!code.isActive) return i18n.t('web.org.editor.promo.deactivated', { code: code.code });
  switch (promoCodeState(code)) {
    case 'ended':
      return i18n.t('web.org.editor.promo.againEnded', { code: code.code });
    case 'scheduled':
      return i18n.t('web.org.editor.promo.againScheduled', { code: code.code });
    case 'used up':
      return i18n.t('web.org.editor.promo.againUsedUp', { code: code.code });
    default:
      return i18n.t('web.org.editor.promo.again', { code: code.code });
  }
}

/** Discount codes of the event and how often each was used. */
export function PromoCodesSection({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const codes = usePromoCodes(event.id);
  const create = useCreatePromoCode(event.id);
  const update = useUpdatePromoCode(event.id);
  const remove = useDeletePromoCode(event.id);
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<PromoCode | undefined>();
  const [pending, setPending] = useState<Pending | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const typeName = new Map((event.ticketTypes ?? []).map((type) => [type.id, type.name]));
  const items = codes.data?.items ?? [];

  const openForm = (code?: PromoCode) => {
    setEditing(code);
    open();
  };
  const closeDialog = () => {
    setPending(null);
    setDialogError(null);
  };
  const setActive = (code: PromoCode, active: boolean, onDone?: () => void) =>
    update.mutate(
      { promoCodeId: code.id, body: { active } },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'teal', message: switchedMessage(updated) });
          onDone?.();
        },
        onError: (error) =>
          onDone
            ? setDialogError(describeApiError(error))
            : notifications.show({ color: 'red', message: describeApiError(error) }),
      },
    );
  const onAction = (code: PromoCode, action: PromoCodeAction) => {
    if (action === 'edit') openForm(code);
    else if (action === 'reactivate') setActive(code, true);
    else setPending({ kind: action, code });
  };
  const confirm = () => {
    if (!pending) return;
    const { code } = pending;
    setDialogError(null);
    if (pending.kind === 'deactivate') return setActive(code, false, closeDialog);
    remove.mutate(code.id, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: t('web.org.editor.promo.deleted', { code: code.code }),
        });
        closeDialog();
      },
      onError: (error) => {
        // Used by an order since the list was loaded (or only by cancelled ones): offer the way out.
        if (error instanceof ApiError && error.code === 'PROMO_CODE_IN_USE')
          setPending({ kind: 'deactivate', code });
        setDialogError(describeApiError(error));
      },
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('web.org.editor.promo.intro')}
        </Text>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openForm(undefined)}>
            {t('web.org.editor.promo.new')}
          </Button>
        )}
      </Group>
      <ListStates
        query={codes}
        isEmpty={items.length === 0}
        loadingLabel={t('web.org.editor.promo.loading')}
        emptyTitle={t('web.org.editor.promo.emptyTitle')}
        emptyText={t('web.org.editor.promo.emptyText')}
      >
        <DataTable
          items={items}
          rowKey={(code) => code.id}
          minWidth={640}
          columns={[
            {
              header: t('web.org.editor.promo.colCode'),
              cell: (code) => (
                <Text ff="monospace" fw={700}>
                  {code.code}
                </Text>
              ),
            },
            {
              header: t('web.org.editor.promo.colDiscount'),
              cell: (code) => (
                <Badge variant="light" radius="sm">
                  {discountLabel(code, event.currency)}
                </Badge>
              ),
            },
            {
              header: t('web.org.editor.promo.colUsed'),
              cell: (code) => (
                <>
                  {formatCount(code.uses)}
                  {code.maxUses !== null && (
                    <Text span c="dimmed">
                      {' '}
                      / {formatCount(code.maxUses)}
                    </Text>
                  )}
                </>
              ),
            },
            { header: t('web.org.editor.promo.colValid'), cell: (code) => windowLabel(code, event.timezone) },
            {
              header: t('web.org.editor.promo.colAppliesTo'),
              cell: (code) =>
                code.ticketTypeIds.length === 0
                  ? t('web.org.editor.promo.allTypes')
                  : code.ticketTypeIds
                      .map((id) => typeName.get(id) ?? t('web.org.editor.promo.removedType'))
                      .join(', '),
            },
            {
              header: t('web.org.editor.promo.colStatus'),
              cell: (code) => (
                <Badge variant="light" radius="sm" color={STATE_COLOR[promoCodeState(code)]}>
                  {t(STATE_KEY[promoCodeState(code)])}
                </Badge>
              ),
            },
            editable && {
              header: t('web.org.editor.promo.colActions'),
              isHeaderHidden: true,
              cell: (code) => (
                <PromoCodeRowActions code={code} onAction={(action) => onAction(code, action)} />
              ),
            },
          ]}
        />
      </ListStates>
      <Modal
        opened={opened}
        onClose={close}
        title={
          editing
            ? t('web.org.editor.ticketTypes.editLabel', { name: editing.code })
            : t('web.org.editor.promo.new')
        }
        size="lg"
        centered
        radius="xl"
      >
        {editing ? (
          <PromoCodeForm
            key={editing.id}
            promoCode={editing}
            currency={event.currency}
            timeZone={event.timezone}
            ticketTypes={event.ticketTypes ?? []}
            onCancel={close}
            onSubmit={async (body) => {
              await update.mutateAsync({ promoCodeId: editing.id, body });
              notifications.show({
                color: 'teal',
                message: t('web.org.editor.promo.saved', { code: editing.code }),
              });
              close();
            }}
          />
        ) : (
          <PromoCodeForm
            key="new"
            currency={event.currency}
            timeZone={event.timezone}
            ticketTypes={event.ticketTypes ?? []}
            onCancel={close}
            onSubmit={async (body) => {
              await create.mutateAsync(body);
              notifications.show({
                color: 'teal',
                message: t('web.org.editor.promo.created', { code: body.code }),
              });
              close();
            }}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={pending !== null}
        onClose={closeDialog}
        onConfirm={confirm}
        loading={update.isPending || remove.isPending}
        error={dialogError}
        danger={pending?.kind === 'delete'}
        title={
          pending?.kind === 'delete'
            ? t('web.org.editor.promo.deleteTitle', { code: pending.code.code })
            : t('web.org.editor.promo.deactivateTitle', { code: pending?.code.code ?? '' })
        }
        confirmLabel={
          pending?.kind === 'delete'
            ? t('web.org.editor.promo.deleteConfirm')
            : t('web.org.editor.promo.deactivate')
        }
      >
        {pending?.kind === 'delete'
          ? t('web.org.editor.promo.deleteBody')
          : t('web.org.editor.promo.deactivateBody')}
      </ConfirmDialog>
    </Stack>
  );
}
