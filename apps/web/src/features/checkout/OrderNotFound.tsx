import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';

/** A wrong or incomplete order link (the token is missing or mistyped). */
export function OrderNotFound() {
  return (
    <Container className={PAGE_CLASS} size="sm" py="xl">
      <GlassCard>
        <Stack align="center" ta="center" gap="md">
          <Title order={1} size="h2">
            We could not find this order
          </Title>
          <Text c="dimmed" maw={460}>
            Open the link from your confirmation email again — it carries the key to your order. If you bought
            while logged in, log in with the same account.
          </Text>
          <Button component={Link} to="/">
            Browse events
          </Button>
        </Stack>
      </GlassCard>
    </Container>
  );
}
