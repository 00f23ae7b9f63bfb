import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { GlassCard } from '../components/ui/GlassCard';

export default function NotFoundPage() {
  return (
    <Container size="sm" py="xl">
      <GlassCard>
        <Stack align="center" ta="center">
          <Title order={2}>Page not found</Title>
          <Text c="dimmed">The page you are looking for does not exist or has moved.</Text>
          <Button component={Link} to="/">
            Browse events
          </Button>
        </Stack>
      </GlassCard>
    </Container>
  );
}
