import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { formatMoney, type Event, type PromoCode } from '@zevents/contracts';
import { useState } from 'react';
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

type Pending = { kind: 'delete' | 'deactivate'; code: PromoCode };

function discountLabel(code: PromoCode, currency: string): string {
  if (code.percentOff !== null) return `${code.percentOff}% off`;
  if (code.amountOffCents !== null) return `${formatMoney(code.amountOffCents, currency)} off`;
  return '—';
}

function windowLabel(code: PromoCode, timeZone: string): string {
  const fmt = (iso: string) => formatInZone(iso, timeZone, { dateStyle: 'medium' });
  if (code.validFrom && code.validUntil) return `${fmt(code.validFrom)} – ${fmt(code.validUntil)}`;
  if (code.validFrom) return `From ${fmt(code.validFrom)}`;
  if (code.validUntil) return `Until ${fmt(code.validUntil)}`;
  return 'Always';
}

/** What switching a code said, from the code the server answered with (its window is kept). */
function switchedMessage(code: PromoCode): string {
  if (!code.isActive) return `${code.code} is deactivated`;
  switch (promoCodeState(code)) {
    case 'ended':
      return `${code.code} is active again, but its validity window has ended: edit its end so buyers can use it`;
    case 'scheduled':
      return `${code.code} is active again and can be used once its validity window starts`;
    case 'used up':
      return `${code.code} is active again, but it has no uses left: raise its maximum uses`;
    default:
      return `${code.code} can be used again`;
  }
}

/** Discount codes of the event and how often each was used. */
export function PromoCodesSection({ event, editable }: { event: Event; editable: boolean }) {
  const codes = usePromoCodes(event.id);
  const create = useCreatePromoCode(event.id);
  const update = useUpdatePromoCode(event.id);
  const remove = useDeletePromoCode(event.id);
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<PromoCode | undefined>();
  const [pending, setPending] = useState<Pending | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const typeName = new Map((event.ticketTypes ?? []).map((t) => [t.id, t.name]));
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
        notifications.show({ color: 'teal', message: `Promo code ${code.code} deleted` });
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
          Buyers enter these at checkout for a discount.
        </Text>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openForm(undefined)}>
            New promo code
          </Button>
        )}
      </Group>
      <ListStates
        query={codes}
        isEmpty={items.length === 0}
        loadingLabel="Loading promo codes…"
        emptyTitle="No promo codes"
        emptyText="Create one for early birds, partners or your newsletter."
      >
        <DataTable
          items={items}
          rowKey={(code) => code.id}
          minWidth={640}
          columns={[
            {
              header: 'Code',
              cell: (code) => (
                <Text ff="monospace" fw={700}>
                  {code.code}
                </Text>
              ),
            },
            {
              header: 'Discount',
              cell: (code) => (
                <Badge variant="light" radius="sm">
                  {discountLabel(code, event.currency)}
                </Badge>
              ),
            },
            {
              header: 'Used',
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
            { header: 'Valid', cell: (code) => windowLabel(code, event.timezone) },
            {
              header: 'Applies to',
              cell: (code) =>
                code.ticketTypeIds.length === 0
                  ? 'All ticket types'
                  : code.ticketTypeIds.map((id) => typeName.get(id) ?? 'Removed type').join(', '),
            },
            {
              header: 'Status',
              cell: (code) => (
                <Badge variant="light" radius="sm" color={STATE_COLOR[promoCodeState(code)]}>
                  {promoCodeState(code)}
                </Badge>
              ),
            },
            editable && {
              header: 'Actions',
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
        title={editing ? `Edit ${editing.code}` : 'New promo code'}
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
              notifications.show({ color: 'teal', message: `Promo code ${editing.code} saved` });
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
              notifications.show({ color: 'teal', message: `Promo code ${body.code} created` });
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
            ? `Delete ${pending.code.code}?`
            : `Deactivate ${pending?.code.code ?? ''}?`
        }
        confirmLabel={pending?.kind === 'delete' ? 'Delete promo code' : 'Deactivate'}
      >
        {pending?.kind === 'delete'
          ? 'No order used it, so it is removed for good. Buyers who still have it will be told it is unknown.'
          : 'Buyers can no longer use it from now on. Orders that already used it keep their discount, and you can reactivate it later with the same validity window.'}
      </ConfirmDialog>
    </Stack>
  );
}
