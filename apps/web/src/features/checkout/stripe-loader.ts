import { loadStripe, type Stripe } from '@stripe/stripe-js';
import { useEffect, useState } from 'react';

const loads = new Map<string, Promise<Stripe | null>>();

/** Loads Stripe.js once per key; a failed load (offline, blocked) is forgotten so "Try again" can retry. */
function loadStripeOnce(publishableKey: string): Promise<Stripe | null> {
  let load = loads.get(publishableKey);
  if (!load) {
    load = loadStripe(publishableKey);
    load.catch(() => loads.delete(publishableKey));
    loads.set(publishableKey, load);
  }
  return load;
}

export type StripeJsState =
  { status: 'loading' } | { status: 'ready'; stripe: Stripe } | { status: 'failed'; retry: () => void };

/** Stripe.js for this publishable key, loaded from js.stripe.com when the payment step first shows. */
export function useStripeJs(publishableKey: string): StripeJsState {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<StripeJsState>({ status: 'loading' });
  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'loading' });
    const retry = () => setAttempt((n) => n + 1);
    loadStripeOnce(publishableKey).then(
      (stripe) => {
        if (!isCurrent) return;
        setState(stripe ? { status: 'ready', stripe } : { status: 'failed', retry });
      },
      () => {
        if (isCurrent) setState({ status: 'failed', retry });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [publishableKey, attempt]);
  return state;
}
