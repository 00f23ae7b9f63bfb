import {
  Autocomplete,
  Button,
  Chip,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import { IconCalendar, IconMapPin, IconSearch, IconX } from '@tabler/icons-react';
import { EventCategory, EventWhen, type PublicEventFacets } from '@zevents/contracts';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../components/ui/GlassCard';
import { datesLocale } from './dates-locale';
import { type CatalogueFilters, hasActiveFilters, NO_FILTERS, WHEN_KEYS } from './catalogue-filters';
import { CATEGORY_LABELS } from './event-labels';

interface EventFiltersProps {
  filters: CatalogueFilters;
  /** The search box's own value (it is debounced before it reaches the filters). */
  search: string;
  onSearchChange: (value: string) => void;
  /** The location box's own value, debounced like the search. */
  location: string;
  onLocationChange: (value: string) => void;
  facets: PublicEventFacets | undefined;
  /** The currency of the price range: chosen, or the only one events sell in; null: none yet. */
  priceCurrency: string | null;
  onChange: (filters: CatalogueFilters) => void;
}

function toNumberOrNull(value: string | number): number | null {
  return value === '' || value === null ? null : Number(value);
}

/** A labelled row of single-choice chips; clicking the chosen chip again clears the choice. */
function ChipChoice<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: V | null;
  options: Array<{ value: V; label: ReactNode }>;
  onChange: (value: V | null) => void;
}) {
  const clearIfChosen = (event: MouseEvent<HTMLInputElement>) => {
    if (event.currentTarget.value === value) onChange(null);
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600} id={id}>
        {label}
      </Text>
      <Chip.Group
        value={value}
        onChange={(next) => onChange(options.find((option) => option.value === next)?.value ?? null)}
      >
        <Group gap={8} role="radiogroup" aria-labelledby={id}>
          {options.map((option) => (
            <Chip key={option.value} value={option.value} size="sm" onClick={clearIfChosen}>
              {option.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Stack>
  );
}

/** The categories worth offering: those with upcoming events (every one before the counts arrive). */
function categoryOptions(facets: PublicEventFacets | undefined, chosen: EventCategory | null) {
  const counted = new Map(facets?.categories.map((entry) => [entry.category, entry.count]));
  return EventCategory.options
    .filter((category) => !facets || counted.has(category) || category === chosen)
    .map((category) => ({ value: category, label: CATEGORY_LABELS[category] }));
}

/** Search, place, dates, category, price range within one currency, and online events only. */
export function EventFilters({
  filters,
  search,
  onSearchChange,
  location,
  onLocationChange,
  facets,
  priceCurrency,
  onChange,
}: EventFiltersProps) {
  const { t } = useTranslation();
  const currencies = facets?.currencies ?? [];
  const isRangeUpsideDown =
    filters.minPrice !== null && filters.maxPrice !== null && filters.maxPrice < filters.minPrice;
  const priceHint = priceCurrency ? undefined : t('web.store.filters.pickCurrencyFirst');

  return (
    <search aria-label={t('web.store.filters.region')}>
      <GlassCard p={{ base: 'md', sm: 'lg' }}>
        <Grid gap="md" align="flex-end">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              label={t('web.store.filters.search')}
              placeholder={t('web.store.filters.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(event) => onSearchChange(event.currentTarget.value)}
              rightSection={
                search ? (
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    onClick={() => onSearchChange('')}
                    aria-label={t('web.store.filters.clearSearch')}
                    px={4}
                  >
                    <IconX size={14} aria-hidden />
                  </Button>
                ) : undefined
              }
              type="search"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <Autocomplete
              label={t('web.store.filters.location')}
              placeholder={t('web.store.filters.locationPlaceholder')}
              leftSection={<IconMapPin size={16} aria-hidden />}
              data={(facets?.cities ?? []).map((entry) => entry.city)}
              value={location}
              onChange={onLocationChange}
              maxLength={100}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <DatePickerInput
              type="range"
              label={t('web.store.filters.dates')}
              placeholder={t('web.store.filters.anyDate')}
              leftSection={<IconCalendar size={16} aria-hidden />}
              clearable
              allowSingleDateInRange
              locale={datesLocale()}
              valueFormat="D MMM YYYY"
              value={[filters.from, filters.to]}
              onChange={([from, to]) =>
                onChange({
                  ...filters,
                  from: from ? String(from).slice(0, 10) : null,
                  to: to ? String(to).slice(0, 10) : null,
                })
              }
            />
          </Grid.Col>
        </Grid>

        <Stack gap="md" mt="md">
          <ChipChoice
            id="filter-when"
            label={t('web.store.filters.when')}
            value={filters.when}
            options={EventWhen.options.map((when) => ({ value: when, label: t(WHEN_KEYS[when]) }))}
            onChange={(when) => onChange({ ...filters, when })}
          />
          <ChipChoice
            id="filter-category"
            label={t('web.store.filters.category')}
            value={filters.category}
            options={categoryOptions(facets, filters.category)}
            onChange={(category) => onChange({ ...filters, category })}
          />
          <Group gap="md" align="flex-end" wrap="wrap">
            {(currencies.length > 1 || (filters.currency && !currencies.includes(filters.currency))) && (
              <Select
                label={t('web.store.filters.currency')}
                placeholder={t('web.store.filters.pickOne')}
                data={[...new Set([...currencies, ...(filters.currency ? [filters.currency] : [])])]}
                value={filters.currency}
                onChange={(currency) => onChange({ ...filters, currency })}
                clearable
                w={{ base: '100%', xs: 130 }}
              />
            )}
            <NumberInput
              label={
                priceCurrency
                  ? t('web.store.filters.minPriceIn', { currency: priceCurrency })
                  : t('web.store.filters.minPrice')
              }
              placeholder="0"
              min={0}
              allowNegative={false}
              decimalScale={2}
              disabled={!priceCurrency}
              description={priceHint}
              value={filters.minPrice ?? ''}
              onChange={(value) => onChange({ ...filters, minPrice: toNumberOrNull(value) })}
              w={{ base: 'calc(50% - var(--mantine-spacing-md) / 2)', xs: 150 }}
            />
            <NumberInput
              label={
                priceCurrency
                  ? t('web.store.filters.maxPriceIn', { currency: priceCurrency })
                  : t('web.store.filters.maxPrice')
              }
              placeholder={t('web.store.filters.any')}
              min={0}
              allowNegative={false}
              decimalScale={2}
              disabled={!priceCurrency}
              description={priceHint}
              value={filters.maxPrice ?? ''}
              error={isRangeUpsideDown ? t('web.store.filters.belowMin') : undefined}
              onChange={(value) => onChange({ ...filters, maxPrice: toNumberOrNull(value) })}
              w={{ base: 'calc(50% - var(--mantine-spacing-md) / 2)', xs: 150 }}
            />
            <Switch
              label={t('web.store.filters.onlineOnly')}
              checked={filters.isOnlineOnly}
              onChange={(event) => onChange({ ...filters, isOnlineOnly: event.currentTarget.checked })}
              mb={8}
            />
          </Group>
        </Stack>
        {hasActiveFilters({ ...filters, q: search, location }) && (
          <Button
            variant="subtle"
            size="xs"
            mt="sm"
            leftSection={<IconX size={14} aria-hidden />}
            onClick={() => {
              onSearchChange('');
              onLocationChange('');
              onChange(NO_FILTERS);
            }}
          >
            {t('web.store.filters.clear')}
          </Button>
        )}
      </GlassCard>
    </search>
  );
}
