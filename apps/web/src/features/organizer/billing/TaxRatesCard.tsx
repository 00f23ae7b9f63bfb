import { Divider, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TaxRate } from '@zevents/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
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
  const { t } = useTranslation();
  const rates = useTaxRates(organizationId);
  if (rates.isPending) return <LoadingState label={t('web.org.settings.billing.rates.loading')} />;
  if (rates.isError) return <ErrorState error={rates.error} onRetry={() => void rates.refetch()} />;
  if (rates.data.items.length === 0)
    return (
      <EmptyState title={t('web.org.settings.billing.rates.none')}>
        {actions
          ? t('web.org.settings.billing.rates.noneManage')
          : t('web.org.settings.billing.rates.noneRead')}
      </EmptyState>
    );
  return <TaxRatesList rates={rates.data.items} actions={actions} />;
}

/** Adding, editing, retiring and deleting rates: what owners and admins see. */
function ManagedTaxRates({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const create = useCreateTaxRate(organizationId);
  const update = useUpdateTaxRate(organizationId);
  const remove = useDeleteTaxRate(organizationId);
  const [editing, setEditing] = useState<TaxRate | null>(null);
  const addHeadingId = useId();
  const deletion = useConfirmedAction<TaxRate>(
    (rate, callbacks) => remove.mutate(rate.id, callbacks),
    (rate) =>
      rate.inUse
        ? i18n.t('web.org.settings.billing.rates.retiredNote', { name: rate.name })
        : i18n.t('web.org.settings.billing.rates.deleted', { name: rate.name }),
  );

  const toggleRetired = (rate: TaxRate) => {
    const retired = rate.retiredAt === null;
    update.mutate(
      { taxRateId: rate.id, body: { retired } },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: retired
              ? t('web.org.settings.billing.rates.retiredNote', { name: rate.name })
              : t('web.org.settings.billing.rates.activeAgain', { name: rate.name }),
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
          {t('web.org.settings.billing.rates.addTitle')}
        </Title>
        <TaxRateForm
          onSubmit={async (body) => {
            const created = await create.mutateAsync(body);
            notifications.show({
              color: 'teal',
              message: t('web.org.settings.billing.rates.addedNote', { name: created.name }),
            });
          }}
        />
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing
            ? t('web.org.settings.billing.rates.editTitle', { name: editing.name })
            : t('web.org.settings.billing.rates.editFallback')
        }
        size="lg"
        centered
        radius="xl"
        closeButtonProps={{ 'aria-label': t('web.org.settings.billing.rates.closeForm') }}
      >
        {editing && (
          <TaxRateForm
            key={editing.id}
            rate={editing}
            onCancel={() => setEditing(null)}
            onSubmit={async (body) => {
              const saved = await update.mutateAsync({ taxRateId: editing.id, body });
              notifications.show({
                color: 'teal',
                message: t('web.org.settings.billing.rates.savedNote', { name: saved.name }),
              });
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
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md" component="section" aria-labelledby={headingId}>
        <Stack gap={4}>
          <Title order={2} fz="lg" id={headingId}>
            {t('web.org.settings.billing.rates.cardTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('web.org.settings.billing.rates.cardIntro')}
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
