import { Checkbox, Code, Divider, Input, SimpleGrid, Stack } from '@mantine/core';
import { useId } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_EVENT_TYPES, EVENT_TYPE_DESCRIPTIONS, inCanonicalOrder } from './webhook-event-types';

/**
 * The event types an endpoint asks for, each with what it means, and "Select all". Built from plain
 * checkboxes (not Checkbox.Group) because "Select all" would otherwise join the group as one more value.
 */
export function EventTypesField({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (types: string[]) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const isAll = ALL_EVENT_TYPES.every((type) => value.includes(type));
  const isSome = !isAll && value.length > 0;
  const toggle = (type: string, isChecked: boolean) =>
    onChange(inCanonicalOrder(isChecked ? [...value, type] : value.filter((item) => item !== type)));

  return (
    <Input.Wrapper
      id={id}
      label={t('web.org.settings.webhooks.form.events')}
      description={t('web.org.settings.webhooks.form.eventsDescription')}
      error={error}
      required
      labelElement="div"
    >
      <Stack
        gap="sm"
        mt="xs"
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error ${id}-description` : `${id}-description`}
      >
        <Checkbox
          label={t('web.org.settings.webhooks.form.selectAll')}
          checked={isAll}
          indeterminate={isSome}
          onChange={(event) => onChange(event.currentTarget.checked ? [...ALL_EVENT_TYPES] : [])}
        />
        <Divider />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          {ALL_EVENT_TYPES.map((type) => (
            <Checkbox
              key={type}
              value={type}
              label={<Code>{type}</Code>}
              description={EVENT_TYPE_DESCRIPTIONS[type]}
              checked={value.includes(type)}
              onChange={(event) => toggle(type, event.currentTarget.checked)}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Input.Wrapper>
  );
}
