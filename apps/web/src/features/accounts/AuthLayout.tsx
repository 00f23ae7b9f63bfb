import { Container, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';

/** The frame of the log in and sign up pages: one calm glass card in the middle. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <Container className={PAGE_CLASS} size={480} py={{ base: 'lg', sm: 64 }} px={{ base: 'sm', sm: 'md' }}>
      <title>{`${title} — Z-Events`}</title>
      <GlassCard p={{ base: 'lg', sm: 40 }}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              {title}
            </Title>
            <Text c="dimmed" mt={6}>
              {subtitle}
            </Text>
          </div>
          {children}
        </Stack>
      </GlassCard>
      <Text ta="center" mt="lg" size="sm">
        {footer}
      </Text>
    </Container>
  );
}

/** Where to go after logging in: a local path from `?next=`, else the organizer dashboard. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/organizer';
}
