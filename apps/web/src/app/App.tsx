import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useEffect } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { LoadingState } from '../components/ui/QueryState';
import { PublicLayout } from './PublicLayout';
import { theme } from './theme';

// Every page is its own chunk: the event page a buyer lands on loads only what it needs.
const HomePage = lazy(() => import('../features/catalogue/HomePage'));
const EventPage = lazy(() => import('../features/catalogue/EventPage'));
const OrganizerPublicPage = lazy(() => import('../features/organizer-page/OrganizerPublicPage'));
const CheckoutPage = lazy(() => import('../features/checkout/CheckoutPage'));
const OrderPage = lazy(() => import('../features/checkout/OrderPage'));
const MyOrdersPage = lazy(() => import('../features/checkout/MyOrdersPage'));
const WaitingListLinkPage = lazy(() => import('../features/waitlist/WaitingListLinkPage'));
const HeldTicketPage = lazy(() => import('../features/tickets/HeldTicketPage'));
const LoginPage = lazy(() => import('../features/accounts/LoginPage'));
const SignupPage = lazy(() => import('../features/accounts/SignupPage'));
const InvitationPage = lazy(() => import('../features/invitations/InvitationPage'));
const VerifyEmailPage = lazy(() => import('../features/accounts/VerifyEmailPage'));
const OrganizerRoutes = lazy(() => import('../features/organizer/OrganizerRoutes'));
const CheckInPage = lazy(() => import('../features/door/CheckInPage'));
const EmbedRoutes = lazy(() => import('../features/embed/EmbedRoutes'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // 4xx answers are final (not found, forbidden); retry only what may pass next time.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

/** A new page starts at the top (the router keeps the old scroll position otherwise). */
function ScrollToTopOnNavigate() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
  }, [pathname]);
  return null;
}

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Bottom right, away from every page header's actions (Publish, Cancel, Export): top right,
          a "saved" toast sat over them for its whole life. */}
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <ScrollToTopOnNavigate />
          <Suspense fallback={<LoadingState />}>
            <Routes>
              <Route element={<PublicLayout />}>
                <Route index element={<HomePage />} />
                <Route path="events/:idOrSlug" element={<EventPage />} />
                <Route path="o/:slug" element={<OrganizerPublicPage />} />
                <Route path="checkout/:orderId" element={<CheckoutPage />} />
                <Route path="orders/:orderId" element={<OrderPage />} />
                <Route path="waiting-list/:entryId" element={<WaitingListLinkPage />} />
                <Route path="my-tickets" element={<MyOrdersPage />} />
                <Route path="tickets/:ticketId" element={<HeldTicketPage />} />
                <Route path="login" element={<LoginPage />} />
                <Route path="signup" element={<SignupPage />} />
                <Route path="invitations/:token" element={<InvitationPage />} />
                <Route path="verify-email" element={<VerifyEmailPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
              <Route path="organizer/*" element={<OrganizerRoutes />} />
              <Route path="door/:eventId" element={<CheckInPage />} />
              {/* Framed on other websites by /embed.js: no header or footer around it. */}
              <Route path="embed/*" element={<EmbedRoutes />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
