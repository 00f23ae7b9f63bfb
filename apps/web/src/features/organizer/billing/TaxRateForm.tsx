import { Alert, Grid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import type { CreateTaxRateBody, TaxRate, UpdateTaxRateBody } from '@zevents/contracts';
import { useState } from 'react';
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

/** The API names the fields by the body; the form by what a person types. */
const MAPPING = {
  fields: { rateBasisPoints: 'percent', inclusive: 'mode' },
  labels: { rateBasisPoints: 'the rate', name: 'the name', inclusive: 'how it applies' },
};

/** Why a rate in use keeps its percentage: the orders priced with it must still add up. */
const IN_USE_EXPLANATION =
  'Orders were priced with it: retire it and add a new rate to charge another percentage.';

type TaxRateFormProps = {
  onCancel?: () => void;
} & (
  | { rate?: undefined; onSubmit: (body: CreateTaxRateBody) => Promise<unknown> }
  | { rate: TaxRate; onSubmit: (body: UpdateTaxRateBody) => Promise<unknown> }
);

/** A rate's name, percentage and how it applies; a rate in use keeps its money fields as they are. */
export function TaxRateForm(props: TaxRateFormProps) {
  const { rate, onCancel } = props;
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
      setFormError(applyFormErrors(form, error, MAPPING));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={rate ? `Edit ${rate.name}` : 'Add a tax rate'}>
      <Stack gap="md">
        {/* A percentage is a few characters: the name gets the room. */}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, xs: 8 }}>
            <TextInput
              label="Name"
              description="Shown on tickets and invoices"
              placeholder="VAT 19%"
              required
              data-autofocus
              {...form.getInputProps('name')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <TextInput
              label="Rate"
              description={
                isMoneyLocked ? 'Locked: orders were priced with it' : 'A percentage, up to two decimals'
              }
              placeholder="19 or 7.25"
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
            {IN_USE_EXPLANATION}
          </Alert>
        )}
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={rate ? 'Save rate' : 'Add rate'}
        />
      </Stack>
    </form>
  );
}
