import '@mantine/dates/styles.css';
import './organizer.css';
import { Container } from '@mantine/core';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useMe } from '../../api/session';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { VerifyEmailBanner } from '../accounts/VerifyEmailBanner';
import { CurrentOrganizationProvider } from './layout/current-organization';
import { OrganizerLayout } from './layout/OrganizerLayout';
import { CreateOrganizationScreen } from './organizations/CreateOrganizationScreen';

const EventsListPage = lazy(() => import('./events/EventsListPage'));
const EventEditorPage = lazy(() => import('./editor/EventEditorPage'));
const NewEventPage = lazy(() => import('./editor/NewEventPage'));
const EventDetailView = lazy(() => import('./dashboard/EventDetailView'));
const OrdersPage = lazy(() => import('./orders/OrdersPage'));
const OrderDetailPage = lazy(() => import('./orders/OrderDetailPage'));
const AttendeesPage = lazy(() => import('./attendees/AttendeesPage'));
const AnalyticsPage = lazy(() => import('./analytics/AnalyticsPage'));
const TeamPage = lazy(() => import('./team/TeamPage'));
const WebhooksPage = lazy(() => import('./webhooks/WebhooksPage'));
const OrganizationAnalyticsPage = lazy(() => import('./organization-analytics/OrganizationAnalyticsPage'));
const BillingPage = lazy(() => import('./billing/BillingPage'));
const FinancialReportPage = lazy(() => import('./reports/FinancialReportPage'));
const ProfilePage = lazy(() => import('./profile/ProfilePage'));

/** Everything under /organizer: logged-in organizers only, inside their current organization. */
export default function OrganizerRoutes() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <LoadingState label={t('web.org.core.layout.opening')} />;
  if (me.isError)
    return (
      <Container component="main" size="sm" py="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.data.organizations.length === 0)
    return (
      <CreateOrganizationScreen
        user={me.data.user}
        notice={me.data.user.emailVerified ? null : <VerifyEmailBanner />}
      />
    );

  return (
    <CurrentOrganizationProvider organizations={me.data.organizations}>
      <Routes>
        <Route element={<OrganizerLayout user={me.data.user} />}>
          <Route index element={<EventsListPage />} />
          <Route path="events/new" element={<NewEventPage />} />
          <Route path="events/:eventId" element={<EventDetailView />} />
          <Route path="events/:eventId/edit" element={<EventEditorPage />} />
          <Route path="events/:eventId/orders" element={<OrdersPage />} />
          <Route path="events/:eventId/orders/:orderId" element={<OrderDetailPage />} />
          <Route path="events/:eventId/attendees" element={<AttendeesPage />} />
          <Route path="events/:eventId/analytics" element={<AnalyticsPage />} />
          <Route path="analytics" element={<OrganizationAnalyticsPage />} />
          <Route path="team" element={<TeamPage />} />
          <Route path="webhooks" element={<WebhooksPage />} />
          <Route path="billing" element={<BillingPage />} />
          <Route path="reports" element={<FinancialReportPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="*" element={<Navigate to="/organizer" replace />} />
        </Route>
      </Routes>
    </CurrentOrganizationProvider>
  );
}
