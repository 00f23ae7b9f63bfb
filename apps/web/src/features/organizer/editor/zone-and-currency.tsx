import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';

let zoneOptions: Array<{ value: string; label: string }> | null = null;

function offsetLabel(timeZone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

function timeZoneOptions() {
  if (!zoneOptions) {
    const zones = Intl.supportedValuesOf('timeZone');
    if (!zones.includes('UTC')) zones.unshift('UTC');
    const now = new Date();
    zoneOptions = zones.map((zone) => {
      const offset = offsetLabel(zone, now);
      return { value: zone, label: `${zone.replaceAll('_', ' ')}${offset ? ` (${offset})` : ''}` };
    });
  }
  return zoneOptions;
}

type PickerProps = Omit<SelectProps, 'data'>;

/** Every IANA zone, searchable by city, with its current UTC offset. */
export function TimeZoneSelect(props: PickerProps) {
  const { t } = useTranslation();
  const data = useMemo(timeZoneOptions, []);
  return (
    <Select
      searchable
      data={data}
      nothingFoundMessage={t('web.org.editor.pickers.noZone')}
      maxDropdownHeight={280}
      {...props}
    />
  );
}

const COMMON_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN'];

function currencyOptions(locale: string) {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(locale, { type: 'currency' });
  } catch {
    names = null;
  }
  const option = (code: string) => ({ value: code, label: `${code} — ${names?.of(code) ?? code}` });
  const all = Intl.supportedValuesOf('currency');
  return [
    {
      group: i18n.t('web.org.editor.pickers.commonCurrencies'),
      items: COMMON_CURRENCIES.filter((c) => all.includes(c)).map(option),
    },
    {
      group: i18n.t('web.org.editor.pickers.allCurrencies'),
      items: all.filter((c) => !COMMON_CURRENCIES.includes(c)).map(option),
    },
  ];
}

/** ISO 4217 currencies with their names; the common ones first. */
export function CurrencySelect(props: PickerProps) {
  const { t } = useTranslation();
  // The locale follows the language: rebuilt on a switch, as the group titles and currency names are in it.
  const locale = currentIntlLocale();
  const data = useMemo(() => currencyOptions(locale), [locale]);
  return (
    <Select
      searchable
      data={data}
      nothingFoundMessage={t('web.org.editor.pickers.noCurrency')}
      maxDropdownHeight={280}
      {...props}
    />
  );
}
