import { Button, SimpleGrid, Text } from '@mantine/core';
import { IconBrandApple, IconBrandGoogle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useGoogleWalletLink } from '../../api/useGoogleWalletLink';
import { applePassPath, useWalletConfig } from '../../api/useWalletConfig';

interface WalletButtonsProps {
  ticketId: string;
  code: string;
  /** The token that opens the ticket (the holder's, or the order's); none: the session's. */
  token: string | null;
}

/** "Add to Apple Wallet" and "Save to Google Wallet", each only when the server has it set up. */
export function WalletButtons({ ticketId, code, token }: WalletButtonsProps) {
  const { t } = useTranslation();
  const config = useWalletConfig();
  const google = useGoogleWalletLink(ticketId, token);
  if (!config.data?.apple && !config.data?.google) return null;
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: config.data.apple && config.data.google ? 2 : 1 }} spacing="xs">
        {config.data.apple && (
          <Button
            component="a"
            href={applePassPath(ticketId, token)}
            variant="default"
            leftSection={<IconBrandApple size={18} aria-hidden />}
            aria-label={t('web.checkout.wallet.appleLabel', { code })}
          >
            {t('web.checkout.wallet.apple')}
          </Button>
        )}
        {config.data.google && (
          <Button
            variant="default"
            leftSection={<IconBrandGoogle size={18} aria-hidden />}
            loading={google.isPending}
            onClick={() => google.mutate()}
            aria-label={t('web.checkout.wallet.googleLabel', { code })}
          >
            {t('web.checkout.wallet.google')}
          </Button>
        )}
      </SimpleGrid>
      {google.isError && (
        <Text size="sm" c="red.8" role="alert">
          {t('web.checkout.wallet.googleFailed', { message: google.error.message })}
        </Text>
      )}
    </>
  );
}
