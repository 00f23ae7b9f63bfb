import type { Page } from '@zevents/contracts';
import { api } from '../../../api/client';

/** `?limit=&cursor=` plus filters, without the empty ones. */
export function buildQuery(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function fetchPage<T>(
  path: string,
  params: Record<string, string | number | undefined | null>,
  signal?: AbortSignal,
): Promise<Page<T>> {
  return api<Page<T>>(`${path}${buildQuery(params)}`, { signal });
}
