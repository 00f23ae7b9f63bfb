import {
  Anchor,
  Button,
  Code,
  CopyButton,
  Divider,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconExternalLink } from '@tabler/icons-react';
import type { OrganizationProfile } from '@zevents/contracts';
import { useState } from 'react';
import { GlassCard } from '../../../components/ui/GlassCard';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useOrganizationEvents } from '../queries/useOrganizationEvents';
import { type EmbedMode, embedSnippet } from './embed-origins';
import { EmbedOriginsEditor } from './EmbedOriginsEditor';
import { useUpdateOrganizationProfile } from './useOrganizationProfile';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/** "Sell on your website": which sites may show the checkout, and the tag to paste into them. */
export function EmbedCard({ profile, mayManage }: { profile: OrganizationProfile; mayManage: boolean }) {
  const save = useUpdateOrganizationProfile(profile.id);
  const [origins, setOrigins] = useState<string[]>(profile.embedOrigins);
  const events = useOrganizationEvents(profile.id);
  const choices = (events.data?.pages.flatMap((page) => page.items) ?? [])
    .filter((event) => event.status === 'published')
    .map((event) => ({ value: event.slug, label: event.title }));
  const [chosenSlug, setChosenSlug] = useState<string | null>(null);
  const eventSlug = chosenSlug ?? choices[0]?.value ?? null;
  const [mode, setMode] = useState<EmbedMode>('button');
  const isChanged = !sameList(origins, profile.embedOrigins);
  const snippet = eventSlug ? embedSnippet(window.location.origin, eventSlug, mode) : null;

  const saveOrigins = async () => {
    try {
      const saved = await save.mutateAsync({ embedOrigins: origins });
      setOrigins(saved.embedOrigins);
      notifications.show({ color: 'teal', message: 'Websites saved' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not saved', message: describeApiError(error) });
    }
  };

  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} fz="lg">
            Sell on your website
          </Title>
          <Anchor href={`/o/${encodeURIComponent(profile.slug)}`} target="_blank" rel="noreferrer" size="sm">
            <Group gap={4} wrap="nowrap" component="span">
              View public page
              <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          Paste one tag into your own website and buyers get a &ldquo;Buy tickets&rdquo; button (or the ticket
          picker in the page) with the whole checkout, without leaving your site. Browsers show it only on the
          websites listed here.
        </Text>
        <Title order={3} fz="md">
          Allowed websites
        </Title>
        <EmbedOriginsEditor origins={origins} onChange={setOrigins} disabled={!mayManage} />
        {mayManage && (
          <Group justify="flex-end" gap="xs">
            {isChanged && (
              <Button variant="default" onClick={() => setOrigins(profile.embedOrigins)}>
                Undo changes
              </Button>
            )}
            <Button onClick={() => void saveOrigins()} disabled={!isChanged} loading={save.isPending}>
              Save websites
            </Button>
          </Group>
        )}
        <Divider />
        <Title order={3} fz="md">
          The tag for your website
        </Title>
        {choices.length === 0 ? (
          <Text size="sm" c="dimmed">
            Publish an event first: the tag names the event it sells.
          </Text>
        ) : (
          <>
            <Group gap="md" align="flex-end" wrap="wrap">
              <Select
                label="Event"
                data={choices}
                value={eventSlug}
                onChange={setChosenSlug}
                allowDeselect={false}
                style={{ flex: '1 1 240px' }}
              />
              <SegmentedControl
                aria-label="How it shows"
                value={mode}
                onChange={(value) => setMode(value === 'inline' ? 'inline' : 'button')}
                data={[
                  { value: 'button', label: 'Button' },
                  { value: 'inline', label: 'In the page' },
                ]}
              />
            </Group>
            {snippet && (
              <Stack gap="xs">
                <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} aria-label="Embed tag">
                  {snippet}
                </Code>
                <CopyButton value={snippet}>
                  {({ copied, copy }) => (
                    <Button
                      variant="light"
                      w="fit-content"
                      color={copied ? 'teal' : undefined}
                      leftSection={
                        copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                      }
                      onClick={copy}
                    >
                      {copied ? 'Copied' : 'Copy tag'}
                    </Button>
                  )}
                </CopyButton>
              </Stack>
            )}
          </>
        )}
      </Stack>
    </GlassCard>
  );
}
