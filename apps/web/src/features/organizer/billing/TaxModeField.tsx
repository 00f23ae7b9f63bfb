import { Radio, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isTaxMode, TAX_MODE_EXPLANATIONS, TAX_MODE_LABELS, type TaxMode } from './tax-rate-form-values';

/** Included (VAT) or added on top (sales tax), each with the one line that tells them apart. */
export function TaxModeField({
  value,
  onChange,
  error,
  disabled = false,
}: {
  value: TaxMode;
  onChange: (mode: TaxMode) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('web.org.settings.billing.rates.modeLabel')}
      value={value}
      onChange={(next) => {
        if (isTaxMode(next)) onChange(next);
      }}
      error={error}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="xs" mt={6}>
        {(['included', 'added'] as const).map((mode) => (
          <Radio
            key={mode}
            value={mode}
            label={TAX_MODE_LABELS[mode]}
            description={TAX_MODE_EXPLANATIONS[mode]}
            disabled={disabled}
          />
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
