import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons on the right (they wrap below the title on phones). */
  actions?: ReactNode;
  /** A "back to" link above the title. */
  back?: { to: string; label: string };
  /** Badges and such beside the title. */
  badge?: ReactNode;
}

/** The top of every inside page: where you are, what it is, what you can do here. */
export function PageHeader({ title, description, actions, back, badge }: PageHeaderProps) {
  return (
    <Stack gap={6} mb="xl">
      {back && (
        <Anchor component={Link} to={back.to} size="sm" c="dimmed" w="fit-content">
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={14} aria-hidden />
            {back.label}
          </Group>
        </Anchor>
      )}
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 440px' }}>
          <Group gap="sm" align="center" wrap="wrap">
            <Title order={1} fz={{ base: 26, sm: 32 }} lh={1.15} style={{ letterSpacing: '-0.02em' }}>
              {title}
            </Title>
            {badge}
          </Group>
          {description && (
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
