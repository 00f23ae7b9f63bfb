import { Button, Center, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable, type Column } from './DataTable';
import { EmptyState, ErrorState, LoadingState } from './QueryState';

/** What the list states need from a TanStack (infinite) query. */
export interface ListQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

/** Loading, error, or empty with a sentence on what to do; else the list itself. */
export function ListStates({
  query,
  isEmpty,
  loadingLabel,
  emptyTitle,
  emptyText,
  children,
}: {
  query: ListQuery;
  isEmpty: boolean;
  loadingLabel: string;
  emptyTitle: string;
  emptyText: ReactNode;
  children: ReactNode;
}) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty) return <EmptyState title={emptyTitle}>{emptyText}</EmptyState>;
  return <>{children}</>;
}

/** On a phone the table becomes a list of cards, one per row, each laid out by the page. */
export function PhoneCards<T>({
  items,
  rowKey,
  children,
}: {
  items: T[];
  rowKey: (item: T) => string;
  children: (item: T) => ReactNode;
}) {
  return (
    <Stack gap="sm" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Paper key={rowKey(item)} component="li" withBorder p="md" radius="lg" bg="var(--mantine-color-body)">
          {children(item)}
        </Paper>
      ))}
    </Stack>
  );
}

/** "Show more" under a paged list while the server has another page. */
export function ShowMore({
  query,
  label,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  label: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <Center>
      <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
        {label}
      </Button>
    </Center>
  );
}

export interface EmptyText {
  title: string;
  text: string;
}

/**
 * A paged list of a search page: its states, a table from `sm` up, one card per row on a phone,
 * and "Show more" while the server has another page.
 */
export function PagedTable<T>({
  query,
  rowKey,
  columns,
  minWidth,
  card,
  labels,
  empty,
}: {
  query: ListQuery & Parameters<typeof ShowMore>[0]['query'] & { data?: { pages: Array<{ items: T[] }> } };
  rowKey: (item: T) => string;
  columns: Array<Column<T> | false>;
  minWidth: number;
  card: (item: T) => ReactNode;
  labels: { loading: string; more: string };
  empty: EmptyText;
}) {
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <ListStates
      query={query}
      isEmpty={items.length === 0}
      loadingLabel={labels.loading}
      emptyTitle={empty.title}
      emptyText={empty.text}
    >
      <DataTable items={items} rowKey={rowKey} columns={columns} minWidth={minWidth} visibleFrom="sm" />
      <PhoneCards items={items} rowKey={rowKey}>
        {card}
      </PhoneCards>
      <ShowMore query={query} label={labels.more} />
    </ListStates>
  );
}
