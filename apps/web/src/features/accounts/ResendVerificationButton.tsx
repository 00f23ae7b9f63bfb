import { Button, Stack, Text } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useResendVerification } from './useResendVerification';
import { resendErrorMessage } from './verification-messages';

/** "Resend the email", then what happened, announced politely to screen readers. */
export function ResendVerificationButton({
  email,
  label = 'Resend the email',
  color = 'orange',
}: {
  email: string;
  label?: string;
  color?: string;
}) {
  const resend = useResendVerification();
  return (
    <Stack gap={6} align="flex-start">
      <Button
        size="xs"
        variant="light"
        color={color}
        leftSection={<IconMailForward size={16} aria-hidden />}
        loading={resend.isPending}
        onClick={() => resend.mutate()}
      >
        {label}
      </Button>
      <div aria-live="polite">
        {resend.isSuccess && (
          <Text size="sm">
            Sent: a new link is on its way to <strong>{email}</strong> (it works for 48 hours).
          </Text>
        )}
        {resend.isError && (
          <Text size="sm" c="red.8">
            {resendErrorMessage(resend.error)}
          </Text>
        )}
      </div>
    </Stack>
  );
}
