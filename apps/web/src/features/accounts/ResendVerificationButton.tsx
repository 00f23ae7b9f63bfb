import { Button, Stack, Text } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { useResendVerification } from './useResendVerification';
import { resendErrorMessage } from './verification-messages';

/** "Resend the email", then what happened, announced politely to screen readers. */
export function ResendVerificationButton({
  email,
  label,
  color = 'orange',
}: {
  email: string;
  label?: string;
  color?: string;
}) {
  const { t } = useTranslation();
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
        {label ?? t('web.auth.verifyBanner.resend')}
      </Button>
      <div aria-live="polite">
        {resend.isSuccess && (
          <Text size="sm">
            <Trans i18nKey="web.auth.verifyBanner.sent" values={{ email }} components={{ b: <strong /> }} />
          </Text>
        )}
        {resend.isError && (
          <Text size="sm" c="red.8">
            {resendErrorMessage(resend.error, t)}
          </Text>
        )}
      </div>
    </Stack>
  );
}
