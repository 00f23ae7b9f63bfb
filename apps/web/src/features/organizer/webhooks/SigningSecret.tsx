import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconCopy, IconEye, IconEyeOff } from '@tabler/icons-react';

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
  const [isRevealed, { toggle }] = useDisclosure(false);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        Signing secret
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
            aria-label={`${isRevealed ? 'Hide' : 'Reveal'} the signing secret of ${endpoint}`}
            leftSection={isRevealed ? <IconEyeOff size={14} /> : <IconEye size={14} />}
          >
            {isRevealed ? 'Hide' : 'Reveal'}
          </Button>
          <CopyButton value={secret} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                size="compact-sm"
                variant="default"
                color={copied ? 'teal' : undefined}
                onClick={copy}
                aria-label={copied ? 'Copied' : `Copy the signing secret of ${endpoint}`}
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        To check that a delivery comes from Z-Events, verify its <Code>Z-Events-Signature</Code> header (
        <Code>t=…,v1=…</Code>, an HMAC-SHA256 of <Code>t.body</Code> with this secret) and refuse one more
        than 5 minutes old. In Node.js, <Code>verifyWebhookSignature</Code> from the{' '}
        <Code>@zevents/client</Code> package (packages/client) does both.
      </Text>
    </Stack>
  );
}
