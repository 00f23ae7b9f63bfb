import { Checkbox, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type CapacityPool, CreateCapacityPoolBody, type TicketType } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { FormActions } from '../../../components/ui/FormActions';
import { formatCount } from '../../../components/ui/money';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { i18n } from '../../../i18n/i18n';
import { maxChars, numberOrNaN } from './form-body';

interface CapacityPoolValues {
  name: string;
  capacity: number | string;
  ticketTypeIds: string[];
}

const mapping = () => ({
  labels: { ticketTypeIds: i18n.t('web.org.editor.poolForm.labelTypes') },
  codes: { TICKET_TYPE_NOT_IN_EVENT: 'ticketTypeIds' },
});

/**
 * Mantine writes field errors (message, input text and border) in red.6, 3.3:1 on white: under WCAG
 * AA. Inside this form they use red.8 (4.5:1).
 */
const ERROR_COLOR = { '--mantine-color-error': 'var(--mantine-color-red-8)' };

// The contract's limit, shown on the input; the schema is what checks it.
const MAX_CAPACITY = 10_000_000;

function initialValues(pool: CapacityPool | undefined): CapacityPoolValues {
  return {
    name: pool?.name ?? '',
    capacity: pool?.capacity ?? '',
    ticketTypeIds: pool?.ticketTypeIds ?? [],
  };
}

export function capacityPoolBody(values: CapacityPoolValues): CreateCapacityPoolBody {
  return {
    name: values.name.trim(),
    capacity: numberOrNaN(values.capacity),
    ticketTypeIds: values.ticketTypeIds,
  };
}

/** What the chosen types already sold or hold: the lowest capacity the API accepts for them. */
function committedOf(ticketTypes: readonly TicketType[], ids: readonly string[]): number {
  return ticketTypes
    .filter((type) => ids.includes(type.id))
    .reduce((sum, type) => sum + type.sold + type.held, 0);
}

function capacityPoolValidator(ticketTypes: readonly TicketType[]) {
  return schemaValidator<CapacityPoolValues>(CreateCapacityPoolBody, {
    toBody: capacityPoolBody,
    messages: {
      name: (issue) =>
        issue.code === 'too_big' ? maxChars(100) : i18n.t('web.org.editor.poolForm.nameRequired'),
      capacity: (issue) =>
        issue.code === 'too_small' || issue.code === 'too_big'
          ? i18n.t('web.org.editor.ticketForm.capacityRange', { max: formatCount(MAX_CAPACITY) })
          : i18n.t('web.org.editor.poolForm.capacityRequired'),
      ticketTypeIds: (issue) =>
        issue.code === 'too_small'
          ? i18n.t('web.org.editor.poolForm.pickOne')
          : i18n.t('web.org.editor.poolForm.pickOfEvent'),
    },
    extraChecks: (values) => {
      const committed = committedOf(ticketTypes, values.ticketTypeIds);
      return {
        capacity:
          values.capacity !== '' && Number(values.capacity) < committed
            ? i18n.t('web.org.editor.poolForm.belowCommitted', { n: formatCount(committed) })
            : null,
      };
    },
  });
}

interface CapacityPoolFormProps {
  /** The event's ticket types, offered as the pool's members. */
  ticketTypes: readonly TicketType[];
  /** Editing this one; a new pool when absent. */
  pool?: CapacityPool;
  /** The whole pool either way (a PATCH with every field is the same shape). */
  onSubmit: (body: CreateCapacityPoolBody) => Promise<unknown>;
  onCancel?: () => void;
}

/** A shared capacity: its name, how many tickets, and which ticket types draw from it. */
export function CapacityPoolForm({ ticketTypes, pool, onSubmit, onCancel }: CapacityPoolFormProps) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<CapacityPoolValues>({
    initialValues: initialValues(pool),
    validate: capacityPoolValidator(ticketTypes),
  });
  const committed = committedOf(ticketTypes, form.values.ticketTypeIds);

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setSaving(true);
    try {
      await onSubmit(capacityPoolBody(values));
    } catch (error) {
      // Its field error only says "at least N"; the sentence says why, so it goes on the field.
      if (error instanceof ApiError && error.code === 'CAPACITY_BELOW_SOLD')
        form.setFieldError('capacity', error.message);
      else setFormError(applyFormErrors(form, error, mapping()));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={
        pool
          ? t('web.org.editor.ticketTypes.editLabel', { name: pool.name })
          : t('web.org.editor.pools.newTitle')
      }
    >
      <Stack gap="md" style={ERROR_COLOR}>
        <TextInput
          label={t('web.org.editor.ticketForm.name')}
          required
          placeholder={t('web.org.editor.poolForm.namePlaceholder')}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <NumberInput
          label={t('web.org.editor.ticketForm.capacity')}
          description={
            committed > 0
              ? t('web.org.editor.poolForm.committed', { n: formatCount(committed) })
              : t('web.org.editor.poolForm.capacityHint')
          }
          required
          min={committed}
          max={MAX_CAPACITY}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          {...form.getInputProps('capacity')}
        />
        <Checkbox.Group
          label={t('web.org.editor.tabs.tickets')}
          description={t('web.org.editor.poolForm.typesHint')}
          required
          {...form.getInputProps('ticketTypeIds')}
        >
          <Stack gap="xs" mt="xs">
            {ticketTypes.map((type) => (
              <Checkbox
                key={type.id}
                value={type.id}
                label={type.name}
                description={t('web.org.editor.poolForm.typeLine', {
                  capacity: formatCount(type.capacity),
                  n: formatCount(type.sold + type.held),
                })}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={pool ? t('web.org.editor.poolForm.save') : t('web.org.editor.pools.add')}
        />
      </Stack>
    </form>
  );
}
