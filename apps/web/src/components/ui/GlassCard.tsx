import { Paper, type PaperProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** The one surface of the app: frosted glass over the page gradient. */
export function GlassCard({ children, className, ...props }: PaperProps & { children: ReactNode }) {
  return (
    <Paper p="lg" className={['ze-glass', className].filter(Boolean).join(' ')} {...props}>
      {children}
    </Paper>
  );
}
