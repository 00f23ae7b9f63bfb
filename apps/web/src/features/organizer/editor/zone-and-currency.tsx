import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';

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
  const data = useMemo(timeZoneOptions, []);
  return (
    <Select
      searchable
      data={data}
      nothingFoundMessage="No such time zone"
      maxDropdownHeight={280}
      {...props}
    />
  );
}

const COMMON_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN'];

function currencyOptions() {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(undefined, { type: 'currency' });
  } catch {
    names = null;
  }
  const option = (code: string) => ({ value: code, label: `${code} — ${names?.of(code) ?? code}` });
  const all = Intl.supportedValuesOf('currency');
  return [
    { group: 'Common', items: COMMON_CURRENCIES.filter((c) => all.includes(c)).map(option) },
    { group: 'All currencies', items: all.filter((c) => !COMMON_CURRENCIES.includes(c)).map(option) },
  ];
}

/** ISO 4217 currencies with their names; the common ones first. */
export function CurrencySelect(props: PickerProps) {
  const data = useMemo(currencyOptions, []);
  return (
    <Select
      searchable
      data={data}
      nothingFoundMessage="No such currency"
      maxDropdownHeight={280}
      {...props}
    />
  );
}
