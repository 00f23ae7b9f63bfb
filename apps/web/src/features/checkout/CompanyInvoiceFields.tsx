import { Alert, Button, Checkbox, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { BuyerBillingDetails, OrderDetails } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSaveOrderDetails } from '../../api/useOrderDetails';

interface Draft {
  wanted: boolean;
  companyName: string;
  address: string;
  taxId: string;
}

function draftOf(billing: BuyerBillingDetails | null | undefined): Draft {
  return {
    wanted: Boolean(billing),
    companyName: billing?.companyName ?? '',
    address: billing?.address ?? '',
    taxId: billing?.taxId ?? '',
  };
}

/** What the form sends: the company, or null to invoice the buyer again. */
export function billingOf(draft: Draft): BuyerBillingDetails | null {
  if (!draft.wanted) return null;
  return {
    companyName: draft.companyName.trim(),
    ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
    ...(draft.taxId.trim() ? { taxId: draft.taxId.trim() } : {}),
  };
}

/** Field by field: the server's JSON may list them in another order. */
function sameBilling(a: BuyerBillingDetails | null, b: BuyerBillingDetails | null): boolean {
  if (a === null || b === null) return a === b;
  return a.companyName === b.companyName && a.address === b.address && a.taxId === b.taxId;
}

/**
 * "Invoice to a company": the buyer's company name, address and tax id for the invoice that comes
 * with the confirmation email. Saved with the order's details (PUT /api/orders/{id}/details).
 */
export function CompanyInvoiceFields({
  orderId,
  token,
  details,
}: {
  orderId: string;
  token: string | null;
  details: OrderDetails;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(details.billing));
  const [error, setError] = useState<string | null>(null);
  const save = useSaveOrderDetails(orderId, token);
  const saved = details.billing ?? null;
  const dirty = !sameBilling(billingOf(draft), saved);
  const change = (part: Partial<Draft>) => {
    setError(null);
    setDraft((current) => ({ ...current, ...part }));
  };

  const submit = () => {
    const billing = billingOf(draft);
    if (billing && billing.companyName === '') {
      setError(t('web.checkout.invoice.enterCompany'));
      return;
    }
    save.mutate(
      { billing },
      {
        onError: (failure) =>
          setError(
            failure instanceof ApiError
              ? (failure.fieldErrors[0]?.message ?? failure.message)
              : t('web.checkout.invoice.saveFailed'),
          ),
      },
    );
  };

  return (
    <Stack gap="sm">
      <Checkbox
        label={t('web.checkout.invoice.wanted')}
        checked={draft.wanted}
        onChange={(event) => {
          const wanted = event.currentTarget.checked;
          change({ wanted });
          // Unticking takes the company off at once: nothing to fill in.
          if (!wanted && saved) save.mutate({ billing: null });
        }}
      />
      {draft.wanted && (
        <form
          aria-label={t('web.checkout.invoice.form')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('web.checkout.invoice.companyName')}
              required
              autoComplete="organization"
              value={draft.companyName}
              error={error && draft.companyName.trim() === '' ? error : undefined}
              onChange={(event) => change({ companyName: event.currentTarget.value })}
            />
            <Textarea
              label={t('web.checkout.invoice.companyAddress')}
              autosize
              minRows={2}
              maxRows={4}
              autoComplete="street-address"
              value={draft.address}
              onChange={(event) => change({ address: event.currentTarget.value })}
            />
            <TextInput
              label={t('web.checkout.invoice.taxId')}
              value={draft.taxId}
              onChange={(event) => change({ taxId: event.currentTarget.value })}
            />
            {error && draft.companyName.trim() !== '' && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="space-between" align="center">
              {saved && !dirty ? (
                <Text size="sm" c="teal.8" role="status">
                  <IconCheck size={14} aria-hidden />{' '}
                  {t('web.checkout.invoice.willName', { company: saved.companyName })}
                </Text>
              ) : (
                <span />
              )}
              <Button type="submit" variant="light" loading={save.isPending} disabled={!dirty}>
                {t('web.checkout.invoice.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
