import { Alert, Text } from '@mantine/core';
import { IconMailExclamation } from '@tabler/icons-react';
import { useMe } from '../../api/session';
import { ResendVerificationButton } from './ResendVerificationButton';

/**
 * For a logged-in account that has not confirmed its address yet: where the link went, and a way to
 * get another. Nothing for visitors and verified accounts.
 */
export function VerifyEmailBanner() {
  const me = useMe();
  const user = me.data?.user;
  if (!user || user.emailVerified) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconMailExclamation aria-hidden />}
      title="Confirm your email"
      mb="lg"
      aria-label="Confirm your email"
      role="region"
    >
      <Text size="sm" mb="xs">
        We sent a link to <strong>{user.email}</strong>. Open it to confirm your address: you need it to join
        an organization&apos;s team.
      </Text>
      <ResendVerificationButton email={user.email} />
    </Alert>
  );
}
