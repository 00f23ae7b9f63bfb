import { Anchor, AppShell, Box, Burger, Button, Container, Drawer, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTicket } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useHasMailbox, useMe } from '../api/session';
import { VerifyEmailBanner } from '../features/accounts/VerifyEmailBanner';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';

/** Pages about the visitor's own account, where an unconfirmed address is worth a reminder. */
const ACCOUNT_PAGES = ['/my-tickets'];

/** The header links, in a row on wide screens and in a drawer on phones. */
function NavLinks({ isLoggedIn, onNavigate }: { isLoggedIn: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Button component={Link} to="/" variant="subtle" onClick={onNavigate}>
        {t('web.nav.events')}
      </Button>
      {isLoggedIn ? (
        <>
          <Button component={Link} to="/my-tickets" variant="subtle" onClick={onNavigate}>
            {t('web.nav.myTickets')}
          </Button>
          <Button component={Link} to="/organizer" variant="light" onClick={onNavigate}>
            {t('web.nav.dashboard')}
          </Button>
        </>
      ) : (
        <>
          <Button component={Link} to="/login" variant="subtle" onClick={onNavigate}>
            {t('web.nav.logIn')}
          </Button>
          <Button component={Link} to="/signup" onClick={onNavigate}>
            {t('web.nav.sellTickets')}
          </Button>
        </>
      )}
    </>
  );
}

/** Header, page, footer for buyers and visitors. */
export function PublicLayout() {
  const me = useMe();
  const hasMailbox = useHasMailbox();
  const [isMenuOpen, menu] = useDisclosure(false);
  const { pathname } = useLocation();
  const isLoggedIn = Boolean(me.data);
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 64 }} padding={0}>
      <AppShell.Header className="ze-glass" style={{ borderBottom: 'none' }}>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" underline="never" c="inherit" aria-label={t('web.nav.home')}>
              <Group gap={8} wrap="nowrap">
                <IconTicket aria-hidden />
                <Text fw={800} size="lg">
                  Z-Events
                </Text>
              </Group>
            </Anchor>
            <Group gap="xs" visibleFrom="sm" wrap="nowrap">
              <NavLinks isLoggedIn={isLoggedIn} />
              <LanguageSwitcher />
            </Group>
            <Burger
              hiddenFrom="sm"
              opened={isMenuOpen}
              onClick={menu.toggle}
              aria-label={t('web.nav.openMenu')}
            />
          </Group>
        </Container>
      </AppShell.Header>
      <Drawer
        opened={isMenuOpen}
        onClose={menu.close}
        position="right"
        size="xs"
        title="Z-Events"
        hiddenFrom="sm"
      >
        <Stack gap="xs">
          <NavLinks isLoggedIn={isLoggedIn} onNavigate={menu.close} />
          <LanguageSwitcher size="sm" />
        </Stack>
      </Drawer>
      <AppShell.Main>
        <Box mih="calc(100vh - 64px - 72px)">
          {ACCOUNT_PAGES.includes(pathname) && (
            <Container size="lg" pt="lg">
              <VerifyEmailBanner />
            </Container>
          )}
          <Outlet />
        </Box>
        <Box component="footer" py="lg">
          <Container size="lg">
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('web.footer.tagline')}
              </Text>
              <Group gap="md">
                <Anchor size="sm" href="/api/docs">
                  API
                </Anchor>
                {hasMailbox.data && (
                  <Anchor size="sm" href="/dev/mailbox">
                    {t('web.footer.mailbox')}
                  </Anchor>
                )}
              </Group>
            </Group>
          </Container>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
