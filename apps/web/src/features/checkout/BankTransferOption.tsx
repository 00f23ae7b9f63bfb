import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconBuildingBank } from '@tabler/icons-react';
import { formatMoney, type Order } from '@zevents/contracts';
import { useRequestBankTransfer } from '../../api/useBankTransfer';
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
  const request = useRequestBankTransfer(order.id, token);
  return (
    <Stack gap="md">
      <Text size="sm">
        Transfer {formatMoney(order.totalCents, order.currency)} from your bank. You get the account details
        and a payment reference on the next page and by email; your tickets stay reserved until the transfer
        deadline and are sent once the organizer receives the money.
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
        Pay by bank transfer
      </Button>
    </Stack>
  );
}
