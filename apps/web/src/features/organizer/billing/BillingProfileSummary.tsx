import { SimpleGrid, Text } from '@mantine/core';
import type { BillingProfile } from '@zevents/contracts';
import type { ReactNode } from 'react';
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
  if (!profile.configured)
    return (
      <Text size="sm" c="dimmed">
        Not set up yet: an owner or admin fills in the details invoices name the seller with.
      </Text>
    );
  const example = invoiceNumberPreview(
    profile.invoicePrefix ?? '',
    invoiceYearAt(new Date(), profile.timezone),
  );
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
      <Field label="Legal name">{profile.legalName}</Field>
      <Field label="Address">{profile.address}</Field>
      <Field label="Tax id">{profile.taxId ?? '—'}</Field>
      <Field label="Invoice numbers">{example ?? '—'}</Field>
      <Field label="Business year counted in">{profile.timezone.replaceAll('_', ' ')}</Field>
      {profile.footer && <Field label="Footer">{profile.footer}</Field>}
    </SimpleGrid>
  );
}
