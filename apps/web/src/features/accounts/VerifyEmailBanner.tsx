import { Alert, Text } from '@mantine/core';
import { IconMailExclamation } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { useMe } from '../../api/session';
import { ResendVerificationButton } from './ResendVerificationButton';

/**
 * For a logged-in account that has not confirmed its address yet: where the link went, and a way to
 * get another. Nothing for visitors and verified accounts.
 */
export function VerifyEmailBanner() {
  const { t } = useTranslation();
  const me = useMe();
  const user = me.data?.user;
  if (!user || user.emailVerified) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconMailExclamation aria-hidden />}
      title={t('web.auth.verifyBanner.title')}
      mb="lg"
      aria-label={t('web.auth.verifyBanner.title')}
      role="region"
    >
      <Text size="sm" mb="xs">
        <Trans
          i18nKey="web.auth.verifyBanner.body"
          values={{ email: user.email }}
          components={{ b: <strong /> }}
        />
      </Text>
      <ResendVerificationButton email={user.email} label={t('web.auth.verifyBanner.resend')} />
    </Alert>
  );
}
