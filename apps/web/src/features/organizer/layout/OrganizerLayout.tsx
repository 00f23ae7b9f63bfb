import { AppShell, Box, Burger, Group, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTicket } from '@tabler/icons-react';
import type { User } from '@zevents/contracts';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LoadingState } from '../../../components/ui/QueryState';
import { VerifyEmailBanner } from '../../accounts/VerifyEmailBanner';
import { Sidebar } from './Sidebar';

/** Sidebar on the left (a drawer on phones), the page on the right. */
export function OrganizerLayout({ user }: { user: User }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  // A tap on a link in the phone drawer goes to the page: close the drawer behind it.
  useEffect(() => close(), [location.pathname, close]);

  return (
    <AppShell
      header={{ height: { base: 60, md: 0 } }}
      navbar={{ width: 272, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg', md: 'xl' }}
    >
      <AppShell.Header className="ze-glass" hiddenFrom="md" style={{ borderBottom: 'none' }}>
        <Group h="100%" px="md" justify="space-between">
          <UnstyledButton component={Link} to="/organizer" aria-label={t('web.org.core.layout.home')}>
            <Group gap={8}>
              <IconTicket aria-hidden />
              <Text fw={800}>Z-Events</Text>
            </Group>
          </UnstyledButton>
          <Burger
            opened={opened}
            onClick={toggle}
            aria-label={opened ? t('web.org.core.layout.closeNav') : t('web.org.core.layout.openNav')}
            aria-expanded={opened}
            aria-controls="organizer-sidebar"
          />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        id="organizer-sidebar"
        className="ze-glass ze-sidebar ze-organizer"
        style={{ borderRight: 'none' }}
      >
        <Sidebar user={user} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1240} mx="auto" pb="xl" className="ze-organizer">
          <VerifyEmailBanner />
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
