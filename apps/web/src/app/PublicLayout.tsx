import { Anchor, AppShell, Box, Button, Container, Group, Text } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { Link, Outlet } from 'react-router';
import { useHasMailbox, useMe } from '../api/session';

/** Header, page, footer for buyers and visitors. */
export function PublicLayout() {
  const me = useMe();
  const hasMailbox = useHasMailbox();
  return (
    <AppShell header={{ height: 64 }} padding={0}>
      <AppShell.Header className="ze-glass" style={{ borderBottom: 'none' }}>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between">
            <Anchor component={Link} to="/" underline="never" c="inherit" aria-label="Z-Events home">
              <Group gap={8}>
                <IconTicket aria-hidden />
                <Text fw={800} size="lg">
                  Z-Events
                </Text>
              </Group>
            </Anchor>
            <Group gap="xs">
              <Button component={Link} to="/" variant="subtle">
                Events
              </Button>
              {me.data ? (
                <Button component={Link} to="/organizer" variant="light">
                  Dashboard
                </Button>
              ) : (
                <>
                  <Button component={Link} to="/login" variant="subtle">
                    Log in
                  </Button>
                  <Button component={Link} to="/signup">
                    Sell tickets
                  </Button>
                </>
              )}
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Box mih="calc(100vh - 64px - 72px)">
          <Outlet />
        </Box>
        <Box component="footer" py="lg">
          <Container size="lg">
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                Z-Events — open-source ticketing
              </Text>
              <Group gap="md">
                <Anchor size="sm" href="/api/docs">
                  API
                </Anchor>
                {hasMailbox.data && (
                  <Anchor size="sm" href="/dev/mailbox">
                    Development mailbox
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
