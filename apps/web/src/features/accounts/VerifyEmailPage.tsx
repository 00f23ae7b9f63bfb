import { Button, Container, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClockExclamation, IconMailOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../api/session';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { ResendVerificationButton } from './ResendVerificationButton';
import { useVerifyEmail } from './useVerifyEmail';
import { verificationFailure } from './verification-messages';
import { signupIntent } from './signup-intent';

function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Container className={PAGE_CLASS} size={520} py={{ base: 'lg', sm: 64 }} px={{ base: 'sm', sm: 'md' }}>
      <title>{t('web.auth.verifyPage.documentTitle')}</title>
      <GlassCard p={{ base: 'lg', sm: 40 }}>{children}</GlassCard>
    </Container>
  );
}

function Outcome({
  icon,
  color,
  title,
  children,
}: {
  icon: ReactNode;
  color: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="md" align="flex-start">
      <ThemeIcon size={44} radius="xl" variant="light" color={color}>
        {icon}
      </ThemeIcon>
      <Title order={1} size="h2">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/**
 * Where a confirmed account goes next: a buyer who signed up from My tickets (and has no
 * organization) back to their tickets, never to "Create your organization"; anyone else to the
 * dashboard, where a new organizer creates their organization.
 */
function HomeButton({ organizations }: { organizations: number }) {
  const { t } = useTranslation();
  return organizations > 0 || signupIntent() !== 'tickets' ? (
    <Button component={Link} to="/organizer">
      {t('web.auth.verifyPage.openDashboard')}
    </Button>
  ) : (
    <Button component={Link} to="/my-tickets">
      {t('web.auth.verifyPage.seeTickets')}
    </Button>
  );
}

/** What to do about a link that cannot work: send a new one, or log in to be able to. */
function NextSteps() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return null;
  if (me.data && !me.data.user.emailVerified)
    return (
      <ResendVerificationButton
        email={me.data.user.email}
        label={t('web.auth.verifyPage.sendNewLink')}
        color="indigo"
      />
    );
  if (me.data) return <HomeButton organizations={me.data.organizations.length} />;
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm" c="dimmed">
        {t('web.auth.verifyPage.logInFirst')}
      </Text>
      <Button component={Link} to="/login">
        {t('web.auth.verifyPage.logIn')}
      </Button>
    </Stack>
  );
}

/** `/verify-email?token=…`: the page a verification email links to. It confirms on arrival. */
export default function VerifyEmailPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const verify = useVerifyEmail();
  const { mutate } = verify;
  const me = useMe();
  // Once per token: React's development double effects must not spend the link twice.
  const sentFor = useRef<string | null>(null);

  useEffect(() => {
    if (!token || sentFor.current === token) return;
    sentFor.current = token;
    mutate({ token });
  }, [token, mutate]);

  if (!token)
    return (
      <Frame>
        <Outcome
          icon={<IconMailOff aria-hidden />}
          color="red"
          title={t('web.auth.verifyPage.incompleteTitle')}
        >
          <Text c="dimmed">{t('web.auth.verifyPage.incompleteBody')}</Text>
          <NextSteps />
        </Outcome>
      </Frame>
    );

  if (verify.isIdle || verify.isPending)
    return (
      <Frame>
        <LoadingState label={t('web.auth.verifyPage.confirming')} />
      </Frame>
    );

  if (verify.isSuccess) {
    return (
      <Frame>
        <Outcome
          icon={<IconCircleCheck aria-hidden />}
          color="teal"
          title={
            verify.data.wasAlreadyVerified
              ? t('web.auth.verifyPage.alreadyConfirmed')
              : t('web.auth.verifyPage.confirmed')
          }
        >
          <Text c="dimmed" role="status">
            <Trans
              i18nKey="web.auth.verifyPage.confirmedBody"
              values={{ email: verify.data.email }}
              components={{ b: <strong /> }}
            />
          </Text>
          {me.data ? (
            <HomeButton organizations={me.data.organizations.length} />
          ) : (
            <Button component={Link} to={signupIntent() === 'tickets' ? '/login?next=/my-tickets' : '/login'}>
              {t('web.auth.verifyPage.logIn')}
            </Button>
          )}
        </Outcome>
      </Frame>
    );
  }

  const failure = verificationFailure(verify.error);
  if (failure === 'other')
    return (
      <Frame>
        <ErrorState error={verify.error} onRetry={() => verify.mutate({ token })} />
      </Frame>
    );
  return (
    <Frame>
      {failure === 'expired' ? (
        <Outcome
          icon={<IconClockExclamation aria-hidden />}
          color="orange"
          title={t('web.auth.verifyPage.expiredTitle')}
        >
          <Text c="dimmed">{t('web.auth.verifyPage.expiredBody')}</Text>
          <NextSteps />
        </Outcome>
      ) : (
        <Outcome icon={<IconMailOff aria-hidden />} color="red" title={t('web.auth.verifyPage.invalidTitle')}>
          <Text c="dimmed">{t('web.auth.verifyPage.invalidBody')}</Text>
          <NextSteps />
        </Outcome>
      )}
    </Frame>
  );
}
