import { Anchor, Box, Group, Text } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Trans } from 'react-i18next';
import { Outlet } from 'react-router';
import { postToHost } from './host-messages';

/**
 * The frame's page: no header or footer, the content's height reported to the host page whenever it
 * changes (so the iframe never scrolls), and Escape asks the host to close its modal.
 */
export function EmbedLayout() {
  const contentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The app's body is at least one screen high; here the screen is the frame, sized to the content.
    const { body } = document;
    const previous = body.style.minHeight;
    body.style.minHeight = '0';
    return () => {
      body.style.minHeight = previous;
    };
  }, []);

  useEffect(() => {
    const content = contentRef.current;
    if (!content) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(content.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      postToHost({ type: 'zevents:resize', height });
    };
    report();
    const observer = new ResizeObserver(report);
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A dialog of the page's own (cancel the order?) closes first.
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('[role="dialog"]'))
        return;
      postToHost({ type: 'zevents:close' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div ref={contentRef} style={{ display: 'flow-root' }}>
      <Box component="main" px={{ base: 'xs', sm: 'md' }} pt="md">
        <Outlet />
      </Box>
      <Group component="footer" justify="center" gap={6} py="md">
        <IconTicket size={16} aria-hidden />
        <Text size="xs" c="dimmed">
          <Trans
            i18nKey="web.store.embed.ticketsBy"
            components={{ brand: <Anchor href="/" target="_blank" rel="noreferrer" size="xs" fw={600} /> }}
          />
        </Text>
      </Group>
    </div>
  );
}
