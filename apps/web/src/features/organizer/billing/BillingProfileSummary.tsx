import { SimpleGrid, Text } from '@mantine/core';
import type { BillingProfile } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { invoiceNumberPreview, invoiceYearAt } from './invoice-number';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** What staff see: the saved profile to read, since only owners and admins change it. */
export function BillingProfileSummary({ profile }: { profile: BillingProfile }) {
  const { t } = useTranslation();
  if (!profile.configured)
    return (
      <Text size="sm" c="dimmed">
        {t('web.org.settings.billing.profile.notSetUp')}
      </Text>
    );
  const example = invoiceNumberPreview(
    profile.invoicePrefix ?? '',
    invoiceYearAt(new Date(), profile.timezone),
  );
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
      <Field label={t('web.org.settings.billing.profile.legalName')}>{profile.legalName}</Field>
      <Field label={t('web.org.settings.billing.profile.address')}>{profile.address}</Field>
      <Field label={t('web.org.settings.billing.profile.taxId')}>{profile.taxId ?? '—'}</Field>
      <Field label={t('web.org.settings.billing.profile.invoiceNumbers')}>{example ?? '—'}</Field>
      <Field label={t('web.org.settings.billing.profile.yearZone')}>
        {profile.timezone.replaceAll('_', ' ')}
      </Field>
      {profile.footer && <Field label={t('web.org.settings.billing.profile.footer')}>{profile.footer}</Field>}
    </SimpleGrid>
  );
}
