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
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../../components/ui/GlassCard';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useAllOrganizationEvents } from '../queries/useOrganizationEvents';
import { type EmbedMode, embedSnippet } from './embed-origins';
import { EmbedOriginsEditor } from './EmbedOriginsEditor';
import { useUpdateOrganizationProfile } from './useOrganizationProfile';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/** "Sell on your website": which sites may show the checkout, and the tag to paste into them. */
export function EmbedCard({ profile, mayManage }: { profile: OrganizationProfile; mayManage: boolean }) {
  const { t } = useTranslation();
  const save = useUpdateOrganizationProfile(profile.id);
  const [origins, setOrigins] = useState<string[]>(profile.embedOrigins);
  const { events } = useAllOrganizationEvents(profile.id);
  const choices = events
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
      notifications.show({ color: 'teal', message: t('web.org.settings.profile.embed.saved') });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('web.org.settings.profile.embed.notSaved'),
        message: describeApiError(error),
      });
    }
  };

  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} fz="lg">
            {t('web.org.settings.profile.embed.title')}
          </Title>
          <Anchor href={`/o/${encodeURIComponent(profile.slug)}`} target="_blank" rel="noreferrer" size="sm">
            <Group gap={4} wrap="nowrap" component="span">
              {t('web.org.settings.profile.embed.viewPublic')}
              <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {t('web.org.settings.profile.embed.intro')}
        </Text>
        <Title order={3} fz="md">
          {t('web.org.settings.profile.embed.allowed')}
        </Title>
        <EmbedOriginsEditor origins={origins} onChange={setOrigins} disabled={!mayManage} />
        {mayManage && (
          <Group justify="flex-end" gap="xs">
            {isChanged && (
              <Button variant="default" onClick={() => setOrigins(profile.embedOrigins)}>
                {t('web.org.settings.profile.embed.undo')}
              </Button>
            )}
            <Button onClick={() => void saveOrigins()} disabled={!isChanged} loading={save.isPending}>
              {t('web.org.settings.profile.embed.save')}
            </Button>
          </Group>
        )}
        <Divider />
        <Title order={3} fz="md">
          {t('web.org.settings.profile.embed.tagTitle')}
        </Title>
        {choices.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('web.org.settings.profile.embed.publishFirst')}
          </Text>
        ) : (
          <>
            <Group gap="md" align="flex-end" wrap="wrap">
              <Select
                label={t('web.org.settings.profile.embed.event')}
                data={choices}
                value={eventSlug}
                onChange={setChosenSlug}
                allowDeselect={false}
                style={{ flex: '1 1 240px' }}
              />
              <SegmentedControl
                aria-label={t('web.org.settings.profile.embed.mode')}
                value={mode}
                onChange={(value) => setMode(value === 'inline' ? 'inline' : 'button')}
                data={[
                  { value: 'button', label: t('web.org.settings.profile.embed.button') },
                  { value: 'inline', label: t('web.org.settings.profile.embed.inline') },
                ]}
              />
            </Group>
            {snippet && (
              <Stack gap="xs">
                <Code
                  block
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                  aria-label={t('web.org.settings.profile.embed.tag')}
                >
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
                      {copied
                        ? t('web.org.settings.profile.embed.copied')
                        : t('web.org.settings.profile.embed.copy')}
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
