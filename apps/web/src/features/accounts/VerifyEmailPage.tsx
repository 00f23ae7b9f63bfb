import { Button, Container, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClockExclamation, IconMailOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
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
  return (
    <Container className={PAGE_CLASS} size={520} py={{ base: 'lg', sm: 64 }} px={{ base: 'sm', sm: 'md' }}>
      <title>Confirm your email — Z-Events</title>
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
  return organizations > 0 || signupIntent() !== 'tickets' ? (
    <Button component={Link} to="/organizer">
      Open your dashboard
    </Button>
  ) : (
    <Button component={Link} to="/my-tickets">
      See your tickets
    </Button>
  );
}

/** What to do about a link that cannot work: send a new one, or log in to be able to. */
function NextSteps() {
  const me = useMe();
  if (me.isPending) return null;
  if (me.data && !me.data.user.emailVerified)
    return <ResendVerificationButton email={me.data.user.email} label="Send me a new link" color="indigo" />;
  if (me.data) return <HomeButton organizations={me.data.organizations.length} />;
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm" c="dimmed">
        Log in, then send yourself a new link from the banner at the top of your dashboard.
      </Text>
      <Button component={Link} to="/login">
        Log in
      </Button>
    </Stack>
  );
}

/** `/verify-email?token=…`: the page a verification email links to. It confirms on arrival. */
export default function VerifyEmailPage() {
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
        <Outcome icon={<IconMailOff aria-hidden />} color="red" title="This link is incomplete">
          <Text c="dimmed">
            The address has no confirmation code. Open the whole link from the email, or ask for a new one.
          </Text>
          <NextSteps />
        </Outcome>
      </Frame>
    );

  if (verify.isIdle || verify.isPending)
    return (
      <Frame>
        <LoadingState label="Confirming your email…" />
      </Frame>
    );

  if (verify.isSuccess) {
    return (
      <Frame>
        <Outcome
          icon={<IconCircleCheck aria-hidden />}
          color="teal"
          title={
            verify.data.wasAlreadyVerified ? 'Your email was already confirmed' : 'Your email is confirmed'
          }
        >
          <Text c="dimmed" role="status">
            <strong>{verify.data.email}</strong> is confirmed. Tickets bought with it show under My tickets,
            and you can accept invitations to join an organization&apos;s team.
          </Text>
          {me.data ? (
            <HomeButton organizations={me.data.organizations.length} />
          ) : (
            <Button component={Link} to={signupIntent() === 'tickets' ? '/login?next=/my-tickets' : '/login'}>
              Log in
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
        <Outcome icon={<IconClockExclamation aria-hidden />} color="orange" title="This link has expired">
          <Text c="dimmed">Confirmation links work for 48 hours. Send yourself a new one.</Text>
          <NextSteps />
        </Outcome>
      ) : (
        <Outcome icon={<IconMailOff aria-hidden />} color="red" title="This link does not work">
          <Text c="dimmed">
            It may be incomplete, or meant for an address your account no longer uses. Open the latest link we
            emailed you, or send yourself a new one.
          </Text>
          <NextSteps />
        </Outcome>
      )}
    </Frame>
  );
}
