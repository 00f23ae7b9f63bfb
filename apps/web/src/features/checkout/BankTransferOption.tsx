import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconBuildingBank } from '@tabler/icons-react';
import { formatMoney, type Order } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { useRequestBankTransfer } from '../../api/useBankTransfer';
import { currentIntlLocale } from '../../i18n/i18n';
import { ApiError } from '../../api/client';
import { describeApiError } from '../../components/ui/useFormErrorResponseHandler';

/** The payment step's bank transfer choice: the order then awaits the transfer, its tickets held. */
export function BankTransferOption({
  order,
  token,
  onRequested,
  onHoldExpired,
}: {
  order: Order;
  token: string | null;
  onRequested: (order: Order) => void;
  onHoldExpired: () => void;
}) {
  const { t } = useTranslation();
  const request = useRequestBankTransfer(order.id, token);
  return (
    <Stack gap="md">
      <Text size="sm">
        {t('web.checkout.bank.explanation', {
          amount: formatMoney(order.totalCents, order.currency, currentIntlLocale()),
        })}
      </Text>
      {request.isError && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {describeApiError(request.error)}
        </Alert>
      )}
      <Button
        size="lg"
        radius="xl"
        leftSection={<IconBuildingBank size={20} aria-hidden />}
        loading={request.isPending}
        onClick={() =>
          request.mutate(undefined, {
            onSuccess: onRequested,
            onError: (error) => {
              if (error instanceof ApiError && error.code === 'HOLD_EXPIRED') onHoldExpired();
            },
          })
        }
      >
        {t('web.checkout.bank.payByTransfer')}
      </Button>
    </Stack>
  );
}
