import { Route, Routes } from 'react-router';
import { EmbedCheckoutPage } from './EmbedCheckoutPage';
import { EmbedEventPage } from './EmbedEventPage';
import { EmbedLayout } from './EmbedLayout';
import { EmbedOrderPage } from './EmbedOrderPage';

/** `/embed/*`: the checkout as /embed.js frames it on other websites, one chunk of its own. */
export default function EmbedRoutes() {
  return (
    <Routes>
      <Route element={<EmbedLayout />}>
        <Route path="events/:idOrSlug" element={<EmbedEventPage />} />
        <Route path="checkout/:orderId" element={<EmbedCheckoutPage />} />
        <Route path="orders/:orderId" element={<EmbedOrderPage />} />
      </Route>
    </Routes>
  );
}
