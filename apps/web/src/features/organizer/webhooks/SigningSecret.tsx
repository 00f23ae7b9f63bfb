import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconCopy, IconEye, IconEyeOff } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';

/** Enough of the secret to tell two apart, never enough to use. */
function maskSecret(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  return `${prefix}${'•'.repeat(24)}`;
}

/**
 * The secret every delivery is signed with: hidden until asked for (screens get shared), copyable
 * without showing it, and a line on how a receiver checks the signature.
 */
export function SigningSecret({ secret, endpoint }: { secret: string; endpoint: string }) {
  const { t } = useTranslation();
  const [isRevealed, { toggle }] = useDisclosure(false);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t('web.org.settings.webhooks.secret.title')}
      </Text>
      <Group gap="xs" wrap="wrap" align="center">
        <Code style={{ flex: '1 1 240px', overflowWrap: 'anywhere', padding: '6px 10px' }}>
          {isRevealed ? secret : maskSecret(secret)}
        </Code>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="compact-sm"
            variant="default"
            onClick={toggle}
            aria-label={
              isRevealed
                ? t('web.org.settings.webhooks.secret.hideLabel', { endpoint })
                : t('web.org.settings.webhooks.secret.revealLabel', { endpoint })
            }
            leftSection={isRevealed ? <IconEyeOff size={14} /> : <IconEye size={14} />}
          >
            {isRevealed
              ? t('web.org.settings.webhooks.secret.hide')
              : t('web.org.settings.webhooks.secret.reveal')}
          </Button>
          <CopyButton value={secret} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                size="compact-sm"
                variant="default"
                color={copied ? 'teal' : undefined}
                onClick={copy}
                aria-label={
                  copied
                    ? t('web.org.settings.webhooks.secret.copied')
                    : t('web.org.settings.webhooks.secret.copyLabel', { endpoint })
                }
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              >
                {copied
                  ? t('web.org.settings.webhooks.secret.copied')
                  : t('web.org.settings.webhooks.secret.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        <Trans i18nKey="web.org.settings.webhooks.secret.howTo" components={{ code: <Code /> }} />
      </Text>
    </Stack>
  );
}
