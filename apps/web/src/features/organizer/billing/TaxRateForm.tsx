import { Alert, Grid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import type { CreateTaxRateBody, TaxRate, UpdateTaxRateBody } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { FormActions } from '../../../components/ui/FormActions';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import {
  taxRateCreateBody,
  taxRateInitialValues,
  taxRateUpdateBody,
  validateTaxRate,
  type TaxRateFormValues,
} from './tax-rate-form-values';
import { TaxModeField } from './TaxModeField';

/** The API names the fields by the body; the form by what a person types (words read when used). */
const mapping = () => ({
  fields: { rateBasisPoints: 'percent', inclusive: 'mode' },
  labels: {
    rateBasisPoints: i18n.t('web.org.settings.billing.rates.errRate'),
    name: i18n.t('web.org.settings.billing.rates.errName'),
    inclusive: i18n.t('web.org.settings.billing.rates.errMode'),
  },
});

type TaxRateFormProps = {
  onCancel?: () => void;
} & (
  | { rate?: undefined; onSubmit: (body: CreateTaxRateBody) => Promise<unknown> }
  | { rate: TaxRate; onSubmit: (body: UpdateTaxRateBody) => Promise<unknown> }
);

/** A rate's name, percentage and how it applies; a rate in use keeps its money fields as they are. */
export function TaxRateForm(props: TaxRateFormProps) {
  const { rate, onCancel } = props;
  const { t } = useTranslation();
  const isMoneyLocked = rate?.inUse ?? false;
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<TaxRateFormValues>({
    initialValues: taxRateInitialValues(rate),
    validate: validateTaxRate,
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setSaving(true);
    try {
      if (props.rate) {
        const body = taxRateUpdateBody(props.rate, values);
        // Nothing changed: closing is all there is to do.
        if (Object.keys(body).length === 0) onCancel?.();
        else await props.onSubmit(body);
      } else {
        await props.onSubmit(taxRateCreateBody(values));
        form.reset();
      }
    } catch (error) {
      setFormError(applyFormErrors(form, error, mapping()));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={
        rate
          ? t('web.org.settings.billing.rates.editLabel', { name: rate.name })
          : t('web.org.settings.billing.rates.addForm')
      }
    >
      <Stack gap="md">
        {/* A percentage is a few characters: the name gets the room. */}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, xs: 8 }}>
            <TextInput
              label={t('web.org.settings.billing.rates.name')}
              description={t('web.org.settings.billing.rates.nameDescription')}
              placeholder={t('web.org.settings.billing.rates.namePlaceholder')}
              required
              data-autofocus
              {...form.getInputProps('name')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <TextInput
              label={t('web.org.settings.billing.rates.rate')}
              description={
                isMoneyLocked
                  ? t('web.org.settings.billing.rates.locked')
                  : t('web.org.settings.billing.rates.rateDescription')
              }
              placeholder={t('web.org.settings.billing.rates.ratePlaceholder')}
              inputMode="decimal"
              autoComplete="off"
              required
              rightSection={
                <Text size="sm" c="dimmed" aria-hidden>
                  %
                </Text>
              }
              disabled={isMoneyLocked}
              {...form.getInputProps('percent')}
            />
          </Grid.Col>
        </Grid>
        <TaxModeField
          value={form.values.mode}
          onChange={(mode) => form.setFieldValue('mode', mode)}
          error={typeof form.errors.mode === 'string' ? form.errors.mode : undefined}
          disabled={isMoneyLocked}
        />
        {isMoneyLocked && (
          <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />}>
            {t('web.org.settings.billing.rates.inUseExplanation')}
          </Alert>
        )}
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={
            rate ? t('web.org.settings.billing.rates.saveRate') : t('web.org.settings.billing.rates.addRate')
          }
        />
      </Stack>
    </form>
  );
}
