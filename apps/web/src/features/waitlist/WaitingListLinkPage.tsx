import { Alert, Button, Container, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useWaitingListLink, type WaitingListLinkAction } from '../../api/useWaitingListLink';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { describeLinkError, linkCopy, readLinkAction } from './waiting-list-link';

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Container className={PAGE_CLASS} size={520} py={{ base: 'lg', sm: 64 }} px={{ base: 'sm', sm: 'md' }}>
      <title>{`${title} — Z-Events`}</title>
      <GlassCard p={{ base: 'lg', sm: 40 }}>
        <Stack gap="md" align="flex-start">
          {children}
        </Stack>
      </GlassCard>
    </Container>
  );
}

function BrowseButton() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/" variant="light">
      {t('web.common.browseEvents')}
    </Button>
  );
}

function InvalidLink() {
  const { t } = useTranslation();
  return (
    <Frame title={t('web.waitlistLink.invalidTitle')}>
      <ThemeIcon size={44} radius="xl" variant="light" color="gray">
        <IconLinkOff aria-hidden />
      </ThemeIcon>
      <Title order={1} size="h2">
        {t('web.waitlistLink.invalidHeading')}
      </Title>
      <Text c="dimmed">{t('web.waitlistLink.invalidBody')}</Text>
      <BrowseButton />
    </Frame>
  );
}

function LinkAction({
  entryId,
  token,
  action,
}: {
  entryId: string;
  token: string | null;
  action: WaitingListLinkAction;
}) {
  // Read on each render: a language switch re-renders the page in the new language.
  useTranslation();
  const copy = linkCopy(action);
  const mutation = useWaitingListLink(entryId, token);

  if (mutation.isSuccess) {
    return (
      <Frame title={copy.done}>
        <ThemeIcon size={44} radius="xl" variant="light" color="teal">
          <IconCircleCheck aria-hidden />
        </ThemeIcon>
        {/* The button that was pressed is gone: screen readers hear the outcome at once. */}
        <div role="status">
          <Title order={1} size="h2">
            {copy.done}
          </Title>
          <Text c="dimmed">{copy.doneDetail}</Text>
        </div>
        <BrowseButton />
      </Frame>
    );
  }

  return (
    <Frame title={copy.title}>
      <Title order={1} size="h2">
        {copy.title}
      </Title>
      <Text>{copy.explanation}</Text>
      {mutation.isError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" w="100%">
          {describeLinkError(mutation.error)}
        </Alert>
      )}
      <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate(action)}>
        {copy.confirm}
      </Button>
    </Frame>
  );
}

/**
 * `/waiting-list/:entryId?token=…&action=leave|decline`: where the waiting-list emails lead. Nothing
 * happens until the person confirms, so a mail scanner that opens links changes nothing.
 */
export default function WaitingListLinkPage() {
  const { entryId } = useParams();
  const [searchParams] = useSearchParams();
  const action = readLinkAction(searchParams.get('action'));
  if (!entryId || !action) return <InvalidLink />;
  return <LinkAction entryId={entryId} token={searchParams.get('token')} action={action} />;
}
