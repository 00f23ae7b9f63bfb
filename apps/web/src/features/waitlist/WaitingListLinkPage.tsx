import { Alert, Button, Container, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useWaitingListLink, type WaitingListLinkAction } from '../../api/useWaitingListLink';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { describeLinkError, LINK_COPY, readLinkAction } from './waiting-list-link';

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
  return (
    <Button component={Link} to="/" variant="light">
      Browse events
    </Button>
  );
}

function InvalidLink() {
  return (
    <Frame title="Link not valid">
      <ThemeIcon size={44} radius="xl" variant="light" color="gray">
        <IconLinkOff aria-hidden />
      </ThemeIcon>
      <Title order={1} size="h2">
        This link is no longer valid
      </Title>
      <Text c="dimmed">Open the newest email we sent you about this waiting list and use its link.</Text>
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
  const copy = LINK_COPY[action];
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
