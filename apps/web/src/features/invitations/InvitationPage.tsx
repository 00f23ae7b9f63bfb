import { Alert, Anchor, Button, Container, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconMailExclamation,
  IconMailOff,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { InvitationPreview, MemberRole } from '@zevents/contracts';
import { useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { GlassCard } from '../../components/ui/GlassCard';
import { ResendVerificationButton } from '../accounts/ResendVerificationButton';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { rememberCurrentOrganization } from '../organizer/layout/current-organization';
import { ROLE_LABELS } from '../organizer/lib/roles';
import { authLink, invitationView, type InvitationView } from './invitation-state';
import { useAcceptInvitation, useInvitation, useLogOut } from './useInvitation';

/** Long email addresses have no spaces: let them break anywhere rather than push past the card. */
const BREAK_ANYWHERE = { overflowWrap: 'anywhere' } as const;

/** Why the API refused the accept, by its error code; other codes show the API's own message. */
const ACCEPT_MESSAGE_KEYS = new Map<string, string>([
  ['INVITATION_EMAIL_MISMATCH', 'web.org.settings.invitation.refused.emailMismatch'],
  ['INVITATION_ALREADY_USED', 'web.org.settings.invitation.refused.alreadyUsed'],
  ['INVITATION_EXPIRED', 'web.org.settings.invitation.refused.expired'],
  ['INVITATION_REVOKED', 'web.org.settings.invitation.refused.revoked'],
  ['ALREADY_MEMBER', 'web.org.settings.invitation.refused.alreadyMember'],
  ['EMAIL_NOT_VERIFIED', 'web.org.settings.invitation.refused.emailNotVerified'],
]);

const CLOSED_KEYS: Record<'accepted' | 'revoked' | 'expired', { title: string; text: string }> = {
  accepted: {
    title: 'web.org.settings.invitation.closed.acceptedTitle',
    text: 'web.org.settings.invitation.closed.acceptedText',
  },
  revoked: {
    title: 'web.org.settings.invitation.closed.revokedTitle',
    text: 'web.org.settings.invitation.closed.revokedText',
  },
  expired: {
    title: 'web.org.settings.invitation.closed.expiredTitle',
    text: 'web.org.settings.invitation.closed.expiredText',
  },
};

/**
 * The invitation in one sentence, with what the role may do. One sentence per role, so each language
 * words the description to fit after the colon (lowercasing the role's own description breaks German nouns).
 */
const INVITED_KEYS: Record<MemberRole, string> = {
  owner: 'web.org.settings.invitation.invitedOwner',
  admin: 'web.org.settings.invitation.invitedAdmin',
  staff: 'web.org.settings.invitation.invitedStaff',
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
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  const me = useMe();

  if (invitation.isPending || me.isPending)
    return (
      <Frame>
        <LoadingState label={t('web.org.settings.invitation.opening')} />
      </Frame>
    );
  if (invitation.isError) {
    const isUnknown = invitation.error instanceof ApiError && invitation.error.status === 404;
    return (
      <Frame>
        <title>{t('web.org.settings.invitation.pageTitle')}</title>
        {isUnknown ? (
          <Stack gap="sm" align="flex-start">
            <ThemeIcon size={44} radius="xl" variant="light" color="red">
              <IconMailOff aria-hidden />
            </ThemeIcon>
            <Title order={1} size="h2">
              {t('web.org.settings.invitation.unknownTitle')}
            </Title>
            <Text c="dimmed">{t('web.org.settings.invitation.unknownText')}</Text>
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
      <title>{t('web.org.settings.invitation.joinPageTitle', { name: data.organization.name })}</title>
      <Stack gap="lg">
        <Stack gap={6}>
          <ThemeIcon size={44} radius="xl" variant="light">
            <IconUsersGroup aria-hidden />
          </ThemeIcon>
          <Title order={1} size="h2">
            {t('web.org.settings.invitation.join', { name: data.organization.name })}
          </Title>
          <Text c="dimmed">
            <Trans
              i18nKey={INVITED_KEYS[data.role]}
              values={{
                inviter: data.invitedByName ?? t('web.org.settings.invitation.theTeam'),
                email: data.email,
                role: ROLE_LABELS[data.role],
              }}
              components={{ b: <strong /> }}
            />
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
  const { t } = useTranslation();
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
      onError: (cause) => {
        const key = cause instanceof ApiError ? ACCEPT_MESSAGE_KEYS.get(cause.code) : undefined;
        setError(
          cause instanceof ApiError
            ? { code: cause.code, message: key ? t(key) : cause.message }
            : { code: 'NETWORK', message: t('web.org.core.shared.offline') },
        );
      },
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
          title={t(CLOSED_KEYS[view.reason].title)}
          role="status"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t(CLOSED_KEYS[view.reason].text)}</Text>
            {view.reason === 'accepted' && (
              <Anchor component={Link} to="/organizer" size="sm" fw={600}>
                {t('web.org.settings.invitation.openDashboard')}
              </Anchor>
            )}
          </Stack>
        </Alert>
      );
    case 'needs-account':
      return view.hasAccount ? (
        <Stack gap="sm">
          <Button component={Link} to={authLink('login', invitation, returnTo, token)} size="md" fullWidth>
            {t('web.org.settings.invitation.logInToAccept')}
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            {t('web.org.settings.invitation.logInAs', { email: invitation.email })}
          </Text>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Button component={Link} to={authLink('signup', invitation, returnTo, token)} size="md" fullWidth>
            {t('web.org.settings.invitation.signUpToAccept')}
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            {t('web.org.settings.invitation.haveAccount', { email: invitation.email })}{' '}
            <Anchor component={Link} to={authLink('login', invitation, returnTo, token)} fw={600}>
              {t('web.org.settings.invitation.logIn')}
            </Anchor>
          </Text>
        </Stack>
      );
    case 'wrong-account':
      return (
        <Alert
          color="orange"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('web.org.settings.invitation.wrongAccountTitle')}
        >
          <Stack gap="sm" align="flex-start">
            <Text size="sm" style={BREAK_ANYWHERE}>
              <Trans
                i18nKey="web.org.settings.invitation.wrongAccountText"
                values={{ signedInAs: view.signedInAs, email: invitation.email }}
                components={{ b: <strong /> }}
              />
            </Text>
            <Button
              size="xs"
              variant="light"
              color="orange"
              fullWidth
              h="auto"
              py={6}
              styles={{
                label: { ...BREAK_ANYWHERE, whiteSpace: 'normal', height: 'auto', textAlign: 'center' },
              }}
              loading={logOut.isPending}
              onClick={() => logOut.mutate()}
            >
              {t('web.org.settings.invitation.logOutAndContinue', { email: invitation.email })}
            </Button>
          </Stack>
        </Alert>
      );
    case 'already-member':
      return (
        <Alert
          color="teal"
          icon={<IconCircleCheck aria-hidden />}
          title={t('web.org.settings.invitation.alreadyMemberTitle')}
        >
          <Anchor component={Link} to="/organizer" size="sm" fw={600}>
            {t('web.org.settings.invitation.openDashboard')}
          </Anchor>
        </Alert>
      );
    case 'needs-verification':
      return (
        <Alert
          color="orange"
          icon={<IconMailExclamation aria-hidden />}
          title={t('web.org.settings.invitation.verifyTitle')}
          role="status"
        >
          <Stack gap="sm" align="flex-start">
            <Text size="sm" style={BREAK_ANYWHERE}>
              <Trans
                i18nKey="web.org.settings.invitation.verifyText"
                values={{ email: view.email }}
                components={{ b: <strong /> }}
              />
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
            {t('web.org.settings.invitation.acceptAndJoin', { name: invitation.organization.name })}
          </Button>
        </Stack>
      );
  }
}
