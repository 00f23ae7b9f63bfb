import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import type { BillingProfile } from '@zevents/contracts';
import { useState } from 'react';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { TimeZoneSelect } from '../editor/zone-and-currency';
import { browserTimeZone } from '../lib/zoned-time';
import { useSaveBillingProfile } from '../mutations/useSaveBillingProfile';
import {
  BILLING_PROFILE_ERROR_LABELS,
  billingProfileBody,
  billingProfileInitialValues,
  validateBillingProfile,
  type BillingProfileValues,
} from './billing-profile-values';
import { invoiceYearAt, normalizeInvoicePrefix } from './invoice-number';
import { InvoiceNumberPreview } from './InvoiceNumberPreview';

const MAPPING = { labels: BILLING_PROFILE_ERROR_LABELS };

/** The seller every invoice names, and how invoices are numbered (owners and admins). */
export function BillingProfileForm({
  organizationId,
  profile,
}: {
  organizationId: string;
  profile: BillingProfile;
}) {
  const save = useSaveBillingProfile(organizationId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<BillingProfileValues>({
    initialValues: billingProfileInitialValues(profile, browserTimeZone()),
    validate: validateBillingProfile,
  });
  const prefixInput = form.getInputProps('invoicePrefix');

  const submit = form.onSubmit((values) => {
    setFormError(null);
    save.mutate(billingProfileBody(values), {
      onSuccess: (saved) => form.resetDirty(billingProfileInitialValues(saved, saved.timezone)),
      onError: (error) => setFormError(applyFormErrors(form, error, MAPPING)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Billing profile">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
          <Stack gap="md">
            <TextInput
              label="Legal name"
              description="The company or person that sells the tickets, as registered"
              placeholder="Northern Festivals GmbH"
              autoComplete="organization"
              required
              {...form.getInputProps('legalName')}
            />
            <Textarea
              label="Address"
              description="Street, postcode and city, country: one per line"
              placeholder={'Hafenstraße 12\n20457 Hamburg\nGermany'}
              autoComplete="street-address"
              autosize
              minRows={3}
              maxRows={6}
              required
              {...form.getInputProps('address')}
            />
            <TextInput
              label="Tax id"
              description="Optional: your VAT number or tax id"
              placeholder="DE123456789"
              {...form.getInputProps('taxId')}
            />
          </Stack>
          <Stack gap="md">
            <TextInput
              label="Invoice prefix"
              description="1 to 12 capital letters or digits"
              placeholder="NF"
              maxLength={12}
              autoCapitalize="characters"
              autoComplete="off"
              required
              {...prefixInput}
              onChange={(event) =>
                form.setFieldValue('invoicePrefix', normalizeInvoicePrefix(event.currentTarget.value))
              }
            />
            <TimeZoneSelect
              label="Time zone"
              description="An invoice’s year is the year of its payment in this zone"
              allowDeselect={false}
              {...form.getInputProps('timezone')}
            />
            <InvoiceNumberPreview
              prefix={form.values.invoicePrefix}
              year={invoiceYearAt(new Date(), form.values.timezone)}
            />
            <Textarea
              label="Footer"
              description="Optional: bank details, registration number, a thank-you"
              autosize
              minRows={3}
              maxRows={8}
              {...form.getInputProps('footer')}
            />
          </Stack>
        </SimpleGrid>
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Group gap="sm" align="center">
          <Button
            type="submit"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            loading={save.isPending}
          >
            Save billing profile
          </Button>
          {/* Always in the page, so a screen reader announces what lands in it. */}
          <Text size="sm" c="teal.8" role="status">
            {save.isSuccess && !form.isDirty() ? 'Saved. New invoices use these details.' : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
