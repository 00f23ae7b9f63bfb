import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconTicket } from '@tabler/icons-react';
import type { Order } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { usePayAttempt } from './usePayAttempt';

/** A free order that waited for its details: one button confirms it, no card asked. */
export function FreeOrderConfirm({
  order,
  token,
  onPaid,
  onHoldExpired,
}: {
  order: Order;
  token: string | null;
  onPaid: (order: Order) => void;
  onHoldExpired: () => void;
}) {
  const { t } = useTranslation();
  const pay = usePayAttempt(order, token, { onPaid, onHoldExpired });
  const problem = pay.problem;

  return (
    <Stack gap="md">
      <Text size="sm">{t('web.checkout.free.explanation')}</Text>
      {problem && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={problem.title} role="alert">
          {problem.message}
        </Alert>
      )}
      <Button
        size="lg"
        fullWidth
        loading={pay.isPending}
        leftSection={<IconTicket size={18} aria-hidden />}
        onClick={() => void pay.attempt({})}
      >
        {t('web.checkout.free.button')}
      </Button>
    </Stack>
  );
}
