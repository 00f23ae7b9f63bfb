import { Button, Grid, NumberInput, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import { IconCalendar, IconSearch, IconX } from '@tabler/icons-react';
import { GlassCard } from '../../components/ui/GlassCard';
import { hasActiveFilters, type CatalogueFilters } from './catalogue-filters';

interface EventFiltersProps {
  filters: CatalogueFilters;
  /** The search box's own value (it is debounced before it reaches the filters). */
  search: string;
  onSearchChange: (value: string) => void;
  onChange: (filters: CatalogueFilters) => void;
}

function toNumberOrNull(value: string | number): number | null {
  return value === '' || value === null ? null : Number(value);
}

/** Search, date range and price range above the catalogue. */
export function EventFilters({ filters, search, onSearchChange, onChange }: EventFiltersProps) {
  return (
    <search aria-label="Find events">
      <GlassCard p={{ base: 'md', sm: 'lg' }}>
        <Grid gap="md" align="flex-end">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput
              label="Search"
              placeholder="Event, venue or city"
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(event) => onSearchChange(event.currentTarget.value)}
              rightSection={
                search ? (
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    onClick={() => onSearchChange('')}
                    aria-label="Clear search"
                    px={4}
                  >
                    <IconX size={14} aria-hidden />
                  </Button>
                ) : undefined
              }
              type="search"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <DatePickerInput
              type="range"
              label="Dates"
              placeholder="Any date"
              leftSection={<IconCalendar size={16} aria-hidden />}
              clearable
              allowSingleDateInRange
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
          <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
            <NumberInput
              label="Min price"
              placeholder="0"
              min={0}
              allowNegative={false}
              decimalScale={2}
              value={filters.minPrice ?? ''}
              onChange={(value) => onChange({ ...filters, minPrice: toNumberOrNull(value) })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
            <NumberInput
              label="Max price"
              placeholder="Any"
              min={0}
              allowNegative={false}
              decimalScale={2}
              value={filters.maxPrice ?? ''}
              error={
                filters.minPrice !== null && filters.maxPrice !== null && filters.maxPrice < filters.minPrice
                  ? 'Below the min price'
                  : undefined
              }
              onChange={(value) => onChange({ ...filters, maxPrice: toNumberOrNull(value) })}
            />
          </Grid.Col>
        </Grid>
        {hasActiveFilters({ ...filters, q: search }) && (
          <Button
            variant="subtle"
            size="xs"
            mt="sm"
            leftSection={<IconX size={14} aria-hidden />}
            onClick={() => {
              onSearchChange('');
              onChange({ q: '', from: null, to: null, minPrice: null, maxPrice: null });
            }}
          >
            Clear filters
          </Button>
        )}
      </GlassCard>
    </search>
  );
}
