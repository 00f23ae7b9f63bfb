import { useSearchParams } from 'react-router';

/** The search parameter of the organizer's date filter, kept in the link like the buyer's. */
const DATE_PARAM = 'date';

/**
 * The date an organizer page is filtered to (`?date=<id>`), so a reload, the back button and a shared
 * link keep it. Null: every date. An id the event does not have is dropped by `known`.
 */
export function useDateFilter(known: readonly { id: string }[] | undefined) {
  const [search, setSearch] = useSearchParams();
  const requested = search.get(DATE_PARAM);
  // Until the dates are loaded the link's date is kept; after, one the event does not have means all.
  const dateId = requested && (!known || known.some((date) => date.id === requested)) ? requested : null;
  const setDateId = (next: string | null) =>
    setSearch(
      (current) => {
        const params = new URLSearchParams(current);
        if (next) params.set(DATE_PARAM, next);
        else params.delete(DATE_PARAM);
        return params;
      },
      { replace: true, preventScrollReset: true },
    );
  return [dateId, setDateId] as const;
}
