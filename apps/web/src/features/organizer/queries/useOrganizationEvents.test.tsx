import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/fake-api';
import { useAllOrganizationEvents } from './useOrganizationEvents';

const event = (n: number) => ({
  id: `event-${n}`,
  title: `Event ${n}`,
  slug: `event-${n}`,
  status: 'published',
});

/** The organization's events, served a page at a time as the API does (limit, cursor). */
function serveEvents(total: number) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    const limit = Number(url.searchParams.get('limit'));
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const end = Math.min(total, start + limit);
    const items = Array.from({ length: end - start }, (_, i) => event(start + i + 1));
    return json(200, { items, nextCursor: end < total ? String(end) : null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

/** One query cache per test, as the app has one. */
function providers() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
}

describe('useAllOrganizationEvents (the pickers)', () => {
  it('loads every page, not just the first, in the largest pages the API gives', async () => {
    const fetchMock = serveEvents(450);
    const { result } = renderHook(() => useAllOrganizationEvents('org-1'), { wrapper: providers() });
    await waitFor(() => expect(result.current.isComplete).toBe(true));
    expect(result.current.events).toHaveLength(450);
    expect(result.current.events.at(-1)?.title).toBe('Event 450');
    expect(fetchMock).toHaveBeenCalledTimes(3);
    const firstUrl = new URL(String(fetchMock.mock.calls[0]?.[0]), 'http://localhost');
    expect(firstUrl.pathname).toBe('/api/organizations/org-1/events');
    expect(firstUrl.searchParams.get('limit')).toBe('200');
  });

  it('stops at one request for an organization with few events', async () => {
    const fetchMock = serveEvents(3);
    const { result } = renderHook(() => useAllOrganizationEvents('org-1'), { wrapper: providers() });
    await waitFor(() => expect(result.current.isComplete).toBe(true));
    expect(result.current.events.map((e) => e.id)).toEqual(['event-1', 'event-2', 'event-3']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
