import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import type { BillingProfile } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
    <form onSubmit={submit} noValidate aria-label={t('web.org.settings.billing.profile.form')}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
          <Stack gap="md">
            <TextInput
              label={t('web.org.settings.billing.profile.legalName')}
              description={t('web.org.settings.billing.profile.legalNameDescription')}
              placeholder={t('web.org.settings.billing.profile.legalNamePlaceholder')}
              autoComplete="organization"
              required
              {...form.getInputProps('legalName')}
            />
            <Textarea
              label={t('web.org.settings.billing.profile.address')}
              description={t('web.org.settings.billing.profile.addressDescription')}
              placeholder={t('web.org.settings.billing.profile.addressPlaceholder')}
              autoComplete="street-address"
              autosize
              minRows={3}
              maxRows={6}
              required
              {...form.getInputProps('address')}
            />
            <TextInput
              label={t('web.org.settings.billing.profile.taxId')}
              description={t('web.org.settings.billing.profile.taxIdDescription')}
              placeholder="DE123456789"
              {...form.getInputProps('taxId')}
            />
          </Stack>
          <Stack gap="md">
            <TextInput
              label={t('web.org.settings.billing.profile.prefix')}
              description={t('web.org.settings.billing.profile.prefixDescription')}
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
              label={t('web.org.settings.billing.profile.timezone')}
              description={t('web.org.settings.billing.profile.timezoneDescription')}
              allowDeselect={false}
              {...form.getInputProps('timezone')}
            />
            <InvoiceNumberPreview
              prefix={form.values.invoicePrefix}
              year={invoiceYearAt(new Date(), form.values.timezone)}
            />
            <Textarea
              label={t('web.org.settings.billing.profile.footer')}
              description={t('web.org.settings.billing.profile.footerDescription')}
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
            {t('web.org.settings.billing.profile.save')}
          </Button>
          {/* Always in the page, so a screen reader announces what lands in it. */}
          <Text size="sm" c="teal.8" role="status">
            {save.isSuccess && !form.isDirty() ? t('web.org.settings.billing.profile.saved') : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
