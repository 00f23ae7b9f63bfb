import CheckoutPage from '../checkout/CheckoutPage';

/** `/embed/checkout/:orderId?token=`: the checkout as it is, paid orders going on to the embed's order page. */
export function EmbedCheckoutPage() {
  return <CheckoutPage pathPrefix={EMBED_PREFIX} />;
}

export const EMBED_PREFIX = '/embed';
