import { useEffect } from 'react';

/**
 * Starts a page at the top. BrowserRouter keeps the old scroll position on navigation, so a buyer
 * who pressed Reserve far down the event page would land mid-way into checkout.
 */
export function useScrollToTop(key?: unknown) {
  useEffect(() => {
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
  }, [key]);
}
