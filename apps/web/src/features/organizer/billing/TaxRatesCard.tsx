import { Divider, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TaxRate } from '@zevents/contracts';
import { useId, useState } from 'react';
import { GlassCard } from '../../../components/ui/GlassCard';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useCreateTaxRate, useDeleteTaxRate, useUpdateTaxRate } from '../mutations/useTaxRateMutations';
import { useTaxRates } from '../queries/useTaxRates';
import { DeleteTaxRateDialog } from './DeleteTaxRateDialog';
import type { TaxRateActionHandlers } from './TaxRateActions';
import { TaxRateForm } from './TaxRateForm';
import { TaxRatesList } from './TaxRatesList';

/** The rates, or what stands in for them while loading, failing or empty. */
function TaxRatesBody({
  organizationId,
  actions,
}: {
  organizationId: string;
  actions?: TaxRateActionHandlers;
}) {
  const rates = useTaxRates(organizationId);
  if (rates.isPending) return <LoadingState label="Loading tax rates…" />;
  if (rates.isError) return <ErrorState error={rates.error} onRetry={() => void rates.refetch()} />;
  if (rates.data.items.length === 0)
    return (
      <EmptyState title="No tax rates yet">
        {actions
          ? 'Add the rates you charge below; ticket types then pick one.'
          : 'An owner or admin adds the rates the organization charges.'}
      </EmptyState>
    );
  return <TaxRatesList rates={rates.data.items} actions={actions} />;
}

/** Adding, editing, retiring and deleting rates: what owners and admins see. */
function ManagedTaxRates({ organizationId }: { organizationId: string }) {
  const create = useCreateTaxRate(organizationId);
  const update = useUpdateTaxRate(organizationId);
  const remove = useDeleteTaxRate(organizationId);
  const [editing, setEditing] = useState<TaxRate | null>(null);
  const addHeadingId = useId();
  const deletion = useConfirmedAction<TaxRate>(
    (rate, callbacks) => remove.mutate(rate.id, callbacks),
    (rate) => (rate.inUse ? `${rate.name} retired` : `${rate.name} deleted`),
  );

  const toggleRetired = (rate: TaxRate) => {
    const retired = rate.retiredAt === null;
    update.mutate(
      { taxRateId: rate.id, body: { retired } },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: retired ? `${rate.name} retired` : `${rate.name} is active again`,
          }),
        onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
      },
    );
  };
  const retiringRateId =
    update.isPending && update.variables.body.retired !== undefined ? update.variables.taxRateId : null;

  return (
    <>
      <TaxRatesBody
        organizationId={organizationId}
        actions={{
          onEdit: setEditing,
          onToggleRetired: toggleRetired,
          onDelete: deletion.ask,
          busyRateId: retiringRateId,
        }}
      />
      <Divider />
      <Stack gap="sm" component="section" aria-labelledby={addHeadingId}>
        <Title order={3} fz="md" id={addHeadingId}>
          Add a rate
        </Title>
        <TaxRateForm
          onSubmit={async (body) => {
            const created = await create.mutateAsync(body);
            notifications.show({ color: 'teal', message: `${created.name} added` });
          }}
        />
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? `Edit ${editing.name}` : 'Edit tax rate'}
        size="lg"
        centered
        radius="xl"
        closeButtonProps={{ 'aria-label': 'Close the form' }}
      >
        {editing && (
          <TaxRateForm
            key={editing.id}
            rate={editing}
            onCancel={() => setEditing(null)}
            onSubmit={async (body) => {
              const saved = await update.mutateAsync({ taxRateId: editing.id, body });
              notifications.show({ color: 'teal', message: `${saved.name} saved` });
              setEditing(null);
            }}
          />
        )}
      </Modal>
      <DeleteTaxRateDialog
        rate={deletion.target}
        onClose={deletion.close}
        onConfirm={deletion.confirm}
        loading={remove.isPending}
        error={deletion.error}
      />
    </>
  );
}

/** The organization's tax rates: VAT included in prices, or sales tax added on top. */
export function TaxRatesCard({ organizationId, mayManage }: { organizationId: string; mayManage: boolean }) {
  const headingId = useId();
  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md" component="section" aria-labelledby={headingId}>
        <Stack gap={4}>
          <Title order={2} fz="lg" id={headingId}>
            Tax rates
          </Title>
          <Text size="sm" c="dimmed">
            Each ticket type charges one of these. A rate orders were priced with keeps its percentage: retire
            it and add a new one when the law changes.
          </Text>
        </Stack>
        {mayManage ? (
          <ManagedTaxRates organizationId={organizationId} />
        ) : (
          <TaxRatesBody organizationId={organizationId} />
        )}
      </Stack>
    </GlassCard>
  );
}
