import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconCalendarEvent,
  IconChartAreaLine,
  IconChartBar,
  IconChartFunnel,
  IconCoins,
  IconEdit,
  IconId,
  IconLogout,
  IconReceipt,
  IconReceiptTax,
  IconScan,
  IconTicket,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
  IconWorld,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useMatch, useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { LanguageSwitcher } from '../../../i18n/LanguageSwitcher';
import { EventStatusBadge } from '../events/EventStatusBadge';
import { canManage } from '../lib/roles';
import { useEvent } from '../queries/useEvent';
import { useCurrentOrganization } from './current-organization';
import { OrganizationSwitcher } from './OrganizationSwitcher';

function SideLink({
  to,
  label,
  icon,
  active,
}: {
  to: string;
  label: string;
  icon: ReactNode;
  active: boolean;
}) {
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={active}
      aria-current={active ? 'page' : undefined}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}

function EventSection({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const event = useEvent(eventId);
  const { membershipOf } = useCurrentOrganization();
  const role = event.data ? membershipOf(event.data.organizationId)?.role : undefined;
  const base = `/organizer/events/${eventId}`;
  return (
    <Stack gap={4} mt="md" component="section" aria-label={t('web.org.core.layout.thisEvent')}>
      <Stack gap={2} px="sm" pb={4}>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.06em' }}>
            {t('web.org.core.layout.event')}
          </Text>
          {event.data && <EventStatusBadge status={event.data.status} size="xs" />}
        </Group>
        <Text size="sm" fw={600} lineClamp={2}>
          {event.data?.title ?? '…'}
        </Text>
      </Stack>
      <SideLink
        to={base}
        label={t('web.org.core.layout.dashboard')}
        icon={<IconChartAreaLine size={18} />}
        active={pathname === base}
      />
      {canManage(role) && (
        <SideLink
          to={`${base}/edit`}
          label={t('web.org.core.layout.editEvent')}
          icon={<IconEdit size={18} />}
          active={pathname === `${base}/edit`}
        />
      )}
      <SideLink
        to={`${base}/analytics`}
        label={t('web.org.core.layout.analytics')}
        icon={<IconChartFunnel size={18} />}
        active={pathname === `${base}/analytics`}
      />
      <SideLink
        to={`${base}/orders`}
        label={t('web.org.core.layout.orders')}
        icon={<IconReceipt size={18} />}
        active={pathname === `${base}/orders`}
      />
      <SideLink
        to={`${base}/attendees`}
        label={t('web.org.core.layout.attendees')}
        icon={<IconUsersGroup size={18} />}
        active={pathname === `${base}/attendees`}
      />
      <SideLink
        to={`/door/${eventId}`}
        label={t('web.org.core.layout.doorCheckIn')}
        icon={<IconScan size={18} />}
        active={false}
      />
    </Stack>
  );
}

/** The organizer's map: organization, its events and team, and the event being looked at. */
export function Sidebar({ user }: { user: User }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const eventMatch = useMatch('/organizer/events/:eventId/*');
  const eventId = eventMatch?.params.eventId !== 'new' ? eventMatch?.params.eventId : undefined;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { organization } = useCurrentOrganization();

  const logOut = async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } finally {
      queryClient.clear();
      void navigate('/', { replace: true });
    }
  };

  return (
    <>
      <AppShell.Section p="md" pb="xs" visibleFrom="md">
        <UnstyledButton component={Link} to="/organizer" aria-label={t('web.org.core.layout.home')}>
          <Group gap={10}>
            <Box
              w={34}
              h={34}
              style={{
                borderRadius: 10,
                display: 'grid',
                placeItems: 'center',
                color: 'white',
                background: 'linear-gradient(135deg, var(--mantine-color-indigo-5), #ec4899)',
              }}
            >
              <IconTicket size={20} aria-hidden />
            </Box>
            <Stack gap={0}>
              <Text fw={800} lh={1.1}>
                Z-Events
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {t('web.org.core.layout.organizer')}
              </Text>
            </Stack>
          </Group>
        </UnstyledButton>
      </AppShell.Section>
      <AppShell.Section px="md" py="xs">
        <OrganizationSwitcher />
      </AppShell.Section>
      <AppShell.Section grow component={ScrollArea} px="md" py="xs">
        <nav aria-label={t('web.org.core.layout.navLabel')}>
          <Stack gap={4}>
            <SideLink
              to="/organizer"
              label={t('web.org.core.layout.events')}
              icon={<IconCalendarEvent size={18} />}
              active={pathname === '/organizer' || pathname === '/organizer/events/new'}
            />
            <SideLink
              to="/organizer/analytics"
              label={t('web.org.core.layout.analyticsOverview')}
              icon={<IconChartBar size={18} />}
              active={pathname === '/organizer/analytics'}
            />
            <SideLink
              to="/organizer/profile"
              label={t('web.org.core.layout.publicPage')}
              icon={<IconId size={18} />}
              active={pathname === '/organizer/profile'}
            />
            <SideLink
              to="/organizer/team"
              label={t('web.org.core.layout.team')}
              icon={<IconUsers size={18} />}
              active={pathname === '/organizer/team'}
            />
            {canManage(organization.role) && (
              <SideLink
                to="/organizer/webhooks"
                label={t('web.org.core.layout.webhooks')}
                icon={<IconWebhook size={18} />}
                active={pathname === '/organizer/webhooks'}
              />
            )}
            {canManage(organization.role) && (
              <SideLink
                to="/organizer/reports"
                label={t('web.org.core.layout.financialReport')}
                icon={<IconCoins size={18} />}
                active={pathname === '/organizer/reports'}
              />
            )}
            {/* Every member: staff read the rates and profile, owners and admins change them. */}
            <SideLink
              to="/organizer/billing"
              label={t('web.org.core.layout.billing')}
              icon={<IconReceiptTax size={18} />}
              active={pathname === '/organizer/billing'}
            />
            {eventId && <EventSection eventId={eventId} />}
          </Stack>
        </nav>
      </AppShell.Section>
      <AppShell.Section p="md">
        <SideLink
          to="/"
          label={t('web.org.core.layout.publicSite')}
          icon={<IconWorld size={18} />}
          active={false}
        />
        <Group mt="xs" px="xs">
          <LanguageSwitcher />
        </Group>
        <Divider my="sm" />
        <Group gap="sm" wrap="nowrap">
          <Avatar color="indigo" radius="xl" size={36} name={user.name} />
          <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
            <Text size="sm" fw={600} truncate="end">
              {user.name}
            </Text>
            <Text size="xs" c="dimmed" truncate="end">
              {user.email}
            </Text>
          </Stack>
          <Tooltip label={t('web.org.core.layout.logOut')}>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => void logOut()}
              aria-label={t('web.org.core.layout.logOut')}
            >
              <IconLogout size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </AppShell.Section>
    </>
  );
}
