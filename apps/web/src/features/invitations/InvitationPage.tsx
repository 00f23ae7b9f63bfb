import { Alert, Anchor, Button, Container, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconMailExclamation,
  IconMailOff,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { InvitationPreview } from '@zevents/contracts';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { GlassCard } from '../../components/ui/GlassCard';
import { ResendVerificationButton } from '../accounts/ResendVerificationButton';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { rememberCurrentOrganization } from '../organizer/layout/current-organization';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../organizer/lib/roles';
import { authLink, invitationView, type InvitationView } from './invitation-state';
import { useAcceptInvitation, useInvitation, useLogOut } from './useInvitation';

const ACCEPT_MESSAGES: Record<string, string> = {
  INVITATION_EMAIL_MISMATCH: 'This invitation is for another email address. Log in with that address.',
  INVITATION_ALREADY_USED: 'This invitation has already been accepted.',
  INVITATION_EXPIRED: 'This invitation has expired. Ask for a new one.',
  INVITATION_REVOKED: 'This invitation was withdrawn. Ask for a new one.',
  ALREADY_MEMBER: 'You are already a member of this organization.',
  EMAIL_NOT_VERIFIED: 'Confirm your email address first: open the link we emailed you, then accept.',
};

const CLOSED_TEXT: Record<'accepted' | 'revoked' | 'expired', { title: string; text: string }> = {
  accepted: {
    title: 'This invitation has been accepted',
    text: 'It can be used only once. If it was you, the organization is in your dashboard.',
  },
  revoked: {
    title: 'This invitation was withdrawn',
    text: 'It was cancelled or replaced by a newer one: check your inbox for a more recent email, or ask for a new invitation.',
  },
  expired: {
    title: 'This invitation has expired',
    text: 'Invitations work for 7 days. Ask the person who invited you to send a new one.',
  },
};

function Frame({ children }: { children: ReactNode }) {
  return (
    <Container className={PAGE_CLASS} size={520} py={{ base: 'lg', sm: 64 }} px={{ base: 'sm', sm: 'md' }}>
      <GlassCard p={{ base: 'lg', sm: 40 }}>{children}</GlassCard>
    </Container>
  );
}

/** `/invitations/:token`: what the invitation offers, and the one next step for whoever opened it. */
export default function InvitationPage() {
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  const me = useMe();

  if (invitation.isPending || me.isPending)
    return (
      <Frame>
        <LoadingState label="Opening your invitation…" />
      </Frame>
    );
  if (invitation.isError) {
    const isUnknown = invitation.error instanceof ApiError && invitation.error.status === 404;
    return (
      <Frame>
        <title>Invitation — Z-Events</title>
        {isUnknown ? (
          <Stack gap="sm" align="flex-start">
            <ThemeIcon size={44} radius="xl" variant="light" color="red">
              <IconMailOff aria-hidden />
            </ThemeIcon>
            <Title order={1} size="h2">
              This invitation link does not work
            </Title>
            <Text c="dimmed">
              Check that you opened the whole link from the email, or ask for a new invitation.
            </Text>
          </Stack>
        ) : (
          <ErrorState error={invitation.error} onRetry={() => void invitation.refetch()} />
        )}
      </Frame>
    );
  }
  if (me.isError)
    return (
      <Frame>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Frame>
    );

  const data = invitation.data;
  return (
    <Frame>
      <title>{`Join ${data.organization.name} — Z-Events`}</title>
      <Stack gap="lg">
        <Stack gap={6}>
          <ThemeIcon size={44} radius="xl" variant="light">
            <IconUsersGroup aria-hidden />
          </ThemeIcon>
          <Title order={1} size="h2">
            Join {data.organization.name}
          </Title>
          <Text c="dimmed">
            {data.invitedByName ?? 'The team'} invited <strong>{data.email}</strong> to join as{' '}
            <strong>{ROLE_LABELS[data.role]}</strong>: {ROLE_DESCRIPTIONS[data.role].toLowerCase()}.
          </Text>
        </Stack>
        <NextStep invitation={data} view={invitationView(data, me.data)} token={token} />
      </Stack>
    </Frame>
  );
}

function NextStep({
  invitation,
  view,
  token,
}: {
  invitation: InvitationPreview;
  view: InvitationView;
  token: string;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token);
  const logOut = useLogOut();
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const returnTo = location.pathname;

  const join = () => {
    setError(null);
    accept.mutate(undefined, {
      onSuccess: (joined) => {
        rememberCurrentOrganization(joined.organization.id);
        void navigate('/organizer', { replace: true });
      },
      onError: (cause) =>
        setError(
          cause instanceof ApiError
            ? { code: cause.code, message: ACCEPT_MESSAGES[cause.code] ?? cause.message }
            : {
                code: 'NETWORK',
                message: 'Could not reach the server. Check your connection and try again.',
              },
        ),
    });
  };

  switch (view.kind) {
    case 'closed':
      return (
        <Alert
          color={view.reason === 'accepted' ? 'teal' : 'orange'}
          icon={
            view.reason === 'accepted' ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />
          }
          title={CLOSED_TEXT[view.reason].title}
          role="status"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{CLOSED_TEXT[view.reason].text}</Text>
            {view.reason === 'accepted' && (
              <Anchor component={Link} to="/organizer" size="sm" fw={600}>
                Open the dashboard
              </Anchor>
            )}
          </Stack>
        </Alert>
      );
    case 'needs-account':
      return view.hasAccount ? (
        <Stack gap="sm">
          <Button component={Link} to={authLink('login', invitation, returnTo, token)} size="md" fullWidth>
            Log in to accept
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            Log in as {invitation.email}; you come back here afterwards.
          </Text>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Button component={Link} to={authLink('signup', invitation, returnTo, token)} size="md" fullWidth>
            Create your account to accept
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            Already have an account with {invitation.email}?{' '}
            <Anchor component={Link} to={authLink('login', invitation, returnTo, token)} fw={600}>
              Log in
            </Anchor>
          </Text>
        </Stack>
      );
    case 'wrong-account':
      return (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title="Another account is logged in">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              You are logged in as <strong>{view.signedInAs}</strong>, but this invitation is for{' '}
              <strong>{invitation.email}</strong>. Only that address can accept it.
            </Text>
            <Button
              size="xs"
              variant="light"
              color="orange"
              loading={logOut.isPending}
              onClick={() => logOut.mutate()}
            >
              Log out and continue as {invitation.email}
            </Button>
          </Stack>
        </Alert>
      );
    case 'already-member':
      return (
        <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title="You are already in this team">
          <Anchor component={Link} to="/organizer" size="sm" fw={600}>
            Open the dashboard
          </Anchor>
        </Alert>
      );
    case 'needs-verification':
      return (
        <Alert
          color="orange"
          icon={<IconMailExclamation aria-hidden />}
          title="Confirm your email to join"
          role="status"
        >
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              Only a confirmed address can accept. We sent a link to <strong>{view.email}</strong>: open it,
              then come back here and accept.
            </Text>
            <ResendVerificationButton email={view.email} />
          </Stack>
        </Alert>
      );
    case 'can-accept':
      return (
        <Stack gap="sm">
          {error && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {error.message}
            </Alert>
          )}
          <Button size="md" fullWidth onClick={join} loading={accept.isPending}>
            Accept and join {invitation.organization.name}
          </Button>
        </Stack>
      );
  }
}
