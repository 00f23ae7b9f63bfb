import { Box, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './Hero.module.css';

interface HeroProps {
  /** A short line above the title (category, organizer, date). */
  eyebrow?: ReactNode;
  title: ReactNode;
  subtitle?: ReactNode;
  /** Actions, facts or a search box under the title. */
  children?: ReactNode;
  /** Heading level of the title: 1 on a page's own hero. */
  order?: 1 | 2;
  align?: 'left' | 'center';
}

/** The large glass banner that opens a page: eyebrow, title, subtitle and whatever follows. */
export function Hero({ eyebrow, title, subtitle, children, order = 1, align = 'left' }: HeroProps) {
  const centered = align === 'center';
  return (
    <Box component="section" className={`ze-glass ${classes.root}`}>
      <Stack
        className={classes.content}
        gap="md"
        align={centered ? 'center' : 'flex-start'}
        ta={centered ? 'center' : 'left'}
      >
        {eyebrow && (
          <Text component="div" size="xs" fw={700} c="indigo.7" className={classes.eyebrow}>
            {eyebrow}
          </Text>
        )}
        <Title order={order} className={classes.title}>
          {title}
        </Title>
        {subtitle && (
          <Text component="div" size="lg" c="dimmed" maw={640}>
            {subtitle}
          </Text>
        )}
        {children}
      </Stack>
    </Box>
  );
}
