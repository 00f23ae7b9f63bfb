import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCreditCard, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { formatMoney, type Order } from '@zevents/contracts';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { currentIntlLocale } from '../../i18n/i18n';
import { usePayAttempt } from './usePayAttempt';

export const TEST_CARD_PAYS = '4242 4242 4242 4242';
export const TEST_CARD_DECLINED = '4000 0000 0000 0002';

/** `4242424242424242` -> `4242 4242 4242 4242`, as typed. */
export function formatCardNumber(value: string): string {
  return value
    .replace(/\D/g, '')
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');
}

export interface PaymentFormProps {
  order: Order;
  token: string | null;
  onPaid: (order: Order) => void;
  onHoldExpired: () => void;
  /**
   * True from the moment the provider has the card (Stripe) until it refuses it: meanwhile the hold's
   * clock no longer decides what the page shows, the server does (by webhook).
   */
  onConfirming?: (isConfirming: boolean) => void;
}

/** The test provider's card form: a card number and a Pay button, with clear answers on failure. */
export function TestCardForm({ order, token, onPaid, onHoldExpired }: PaymentFormProps) {
  const { t } = useTranslation();
  const pay = usePayAttempt(order, token, { onPaid, onHoldExpired });
  const problem = pay.problem;

  const form = useForm({
    initialValues: { card: '' },
    validate: {
      card: (value) => {
        const digits = value.replace(/\D/g, '');
        return digits.length >= 12 && digits.length <= 19 ? null : t('web.checkout.pay.enterCard');
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    const error = await pay.attempt({ card: values.card.replace(/\D/g, '') });
    if (error instanceof ApiError && error.code === 'PAYMENT_DECLINED')
      form.setFieldError('card', t('web.checkout.pay.declined'));
  });

  const fill = (card: string) => {
    form.setFieldValue('card', card);
    form.clearFieldError('card');
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('web.checkout.pay.cardNumber')}
          placeholder={TEST_CARD_PAYS}
          inputMode="numeric"
          autoComplete="cc-number"
          leftSection={<IconCreditCard size={18} aria-hidden />}
          size="md"
          required
          {...form.getInputProps('card')}
          onChange={(event) => form.setFieldValue('card', formatCardNumber(event.currentTarget.value))}
        />
        <Alert
          color="gray"
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          title={t('web.checkout.pay.testMode')}
        >
          <Stack gap="xs">
            <Text size="sm">
              <Trans
                i18nKey="web.checkout.pay.testCards"
                values={{ pays: TEST_CARD_PAYS, declined: TEST_CARD_DECLINED }}
                components={{ b: <b /> }}
              />
            </Text>
            <Group gap="xs">
              <Button size="compact-sm" variant="white" onClick={() => fill(TEST_CARD_PAYS)}>
                {t('web.checkout.pay.usePaying')}
              </Button>
              <Button size="compact-sm" variant="white" color="dark" onClick={() => fill(TEST_CARD_DECLINED)}>
                {t('web.checkout.pay.useDeclined')}
              </Button>
            </Group>
          </Stack>
        </Alert>

        {problem && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={problem.title} role="alert">
            {problem.message}
          </Alert>
        )}

        <Button
          type="submit"
          size="lg"
          fullWidth
          loading={pay.isPending}
          leftSection={<IconLock size={18} aria-hidden />}
        >
          {t('web.checkout.pay.button', {
            amount: formatMoney(order.totalCents, order.currency, currentIntlLocale()),
          })}
        </Button>
      </Stack>
    </form>
  );
}
