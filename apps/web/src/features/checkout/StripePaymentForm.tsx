import { Alert, Button, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { StripeElementsOptions } from '@stripe/stripe-js';
import { useQueryClient } from '@tanstack/react-query';
import { IconLock, IconShieldCheck } from '@tabler/icons-react';
import { formatMoney, type Order } from '@zevents/contracts';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { currentIntlLocale } from '../../i18n/i18n';
import { useIdempotencyKey } from '../../api/useIdempotencyKey';
import { orderKeys } from '../../api/order-keys';
import { usePayOrder } from '../../api/usePayOrder';
import { ProblemAlert } from '../../components/ui/QueryState';
import { describePayError, type PayProblem } from './pay-errors';
import { describeStripeError, readStripeReturn } from './stripe-errors';
import { useStripeJs } from './stripe-loader';
import type { PaymentFormProps } from './TestCardForm';

/** Stripe's fields in the app's colours and shapes, so the form does not look bolted on. */
const APPEARANCE: StripeElementsOptions['appearance'] = {
  theme: 'stripe',
  variables: {
    colorPrimary: '#4850d5',
    colorDanger: '#e03131',
    borderRadius: '10px',
    fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    spacingUnit: '4px',
  },
};

/** Where Stripe sends the buyer back after a redirect (3-D Secure, bank apps): this page, cleaned up. */
function returnUrl(): string {
  const url = new URL(window.location.href);
  for (const name of ['payment_intent', 'payment_intent_client_secret', 'redirect_status'])
    url.searchParams.delete(name);
  return url.toString();
}

/**
 * Stripe accepted the payment; the order turns paid when Stripe's signed webhook reaches the server.
 * Until then the order is read again every second, and the checkout page moves on by itself.
 */
function AwaitingConfirmation({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isSlow, setSlow] = useState(false);
  useEffect(() => {
    const poll = setInterval(
      () => void queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) }),
      1_000,
    );
    const slow = setTimeout(() => setSlow(true), 20_000);
    return () => {
      clearInterval(poll);
      clearTimeout(slow);
    };
  }, [orderId, queryClient]);
  return (
    <Alert
      color="teal"
      icon={<Loader size="sm" color="teal" aria-hidden />}
      title={t('web.checkout.stripe.acceptedTitle')}
      role="status"
    >
      {t('web.checkout.stripe.acceptedBody')}
      {isSlow && ` ${t('web.checkout.stripe.slow')}`}
    </Alert>
  );
}

/** The Payment Element and the Pay button; Stripe.js talks to Stripe, the webhook tells the server. */
function CardStep({
  order,
  initialProblem,
  onConfirmStart,
  onConfirmFailed,
  onConfirmed,
}: {
  order: Order;
  initialProblem: PayProblem | null;
  /** Stripe has the card from here on (a 3-D Secure challenge may outlast the hold). */
  onConfirmStart: () => void;
  onConfirmFailed: () => void;
  onConfirmed: () => void;
}) {
  const { t } = useTranslation();
  const stripe = useStripe();
  const elements = useElements();
  const [isReady, setReady] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<PayProblem | null>(initialProblem);
  const [loadProblem, setLoadProblem] = useState<PayProblem | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!stripe || !elements || isSubmitting) return;
    setSubmitting(true);
    setProblem(null);
    onConfirmStart();
    try {
      const result = await stripe.confirmPayment({
        elements,
        redirect: 'if_required',
        confirmParams: { return_url: returnUrl() },
      });
      if (result.error) {
        setProblem(describeStripeError(result.error));
        onConfirmFailed();
      } else onConfirmed();
    } catch (error) {
      onConfirmFailed();
      throw error;
    } finally {
      setSubmitting(false);
    }
  };

  if (loadProblem) return <ProblemAlert title={loadProblem.title} message={loadProblem.message} />;
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={t('web.checkout.stripe.cardPayment')}
    >
      <Stack gap="md">
        {!isReady && <Skeleton height={120} radius="md" aria-label={t('web.checkout.stripe.loadingCard')} />}
        <PaymentElement
          options={{
            layout: 'tabs',
            defaultValues: { billingDetails: { name: order.buyer.name, email: order.buyer.email } },
          }}
          onReady={() => setReady(true)}
          onLoadError={() =>
            setLoadProblem({
              title: t('web.checkout.stripe.loadFailedTitle'),
              message: t('web.checkout.stripe.loadFailedBody'),
            })
          }
        />
        {problem && <ProblemAlert title={problem.title} message={problem.message} />}
        <Button
          type="submit"
          size="lg"
          fullWidth
          disabled={!isReady || !stripe}
          loading={isSubmitting}
          leftSection={<IconLock size={18} aria-hidden />}
        >
          {t('web.checkout.pay.button', {
            amount: formatMoney(order.totalCents, order.currency, currentIntlLocale()),
          })}
        </Button>
        <Group gap={6} justify="center" wrap="nowrap">
          <IconShieldCheck
            size={16}
            aria-hidden
            color="var(--mantine-color-teal-7)"
            style={{ flexShrink: 0 }}
          />
          <Text size="xs" c="dimmed" ta="center">
            {t('web.checkout.stripe.privacy')}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The payment step when the server uses Stripe: starts the PaymentIntent (POST /pay answers its
 * client secret; pressing Pay twice never makes a second one), loads Stripe.js, shows the Payment
 * Element, and after Stripe's confirmation waits for the webhook to turn the order paid.
 */
export default function StripePaymentForm({
  order,
  token,
  onPaid,
  onHoldExpired,
  onConfirming,
  publishableKey,
}: PaymentFormProps & { publishableKey: string }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  // Read once: after a redirect back from the bank, how the confirmation ended.
  const [returned] = useState(() => readStripeReturn(searchParams));
  const [isConfirming, setConfirming] = useState(returned === 'confirming');
  const stripeJs = useStripeJs(publishableKey);
  const pay = usePayOrder(order.id, token);
  const idempotency = useIdempotencyKey();
  const [clientSecret, setClientSecret] = useState<string | null>(null);
  const [startProblem, setStartProblem] = useState<PayProblem | null>(null);
  const [startAttempt, setStartAttempt] = useState(0);
  const started = useRef(-1);

  // The page stops counting the hold down once Stripe has the payment (also after a bank redirect).
  useEffect(() => {
    if (isConfirming) onConfirming?.(true);
  }, [isConfirming, onConfirming]);

  // Starting the payment is safe to repeat (the server and Stripe answer the same PaymentIntent), but
  // one request per attempt is enough even when React runs effects twice in development.
  useEffect(() => {
    if (isConfirming || started.current === startAttempt) return;
    started.current = startAttempt;
    setStartProblem(null);
    const body = {};
    pay
      .mutateAsync({ body, idempotencyKey: idempotency.keyFor(body) })
      .then((answer) => {
        idempotency.settle();
        if (answer.status === 'paid') onPaid(answer);
        else if (answer.payment?.clientSecret) setClientSecret(answer.payment.clientSecret);
        else
          setStartProblem({
            title: t('web.checkout.stripe.startFailedTitle'),
            message: t('web.checkout.stripe.startFailedBody'),
          });
      })
      .catch((error: unknown) => {
        idempotency.settle(error);
        const described = describePayError(error);
        if (described.isHoldExpired) onHoldExpired();
        setStartProblem(described);
      });
  }, [isConfirming, startAttempt, pay, idempotency, onPaid, onHoldExpired, t]);

  const options = useMemo<StripeElementsOptions | null>(
    () => (clientSecret ? { clientSecret, appearance: APPEARANCE } : null),
    [clientSecret],
  );

  if (isConfirming) return <AwaitingConfirmation orderId={order.id} />;
  if (startProblem)
    return (
      <ProblemAlert
        title={startProblem.title}
        message={startProblem.message}
        onRetry={() => setStartAttempt((n) => n + 1)}
      />
    );
  if (stripeJs.status === 'failed')
    return (
      <ProblemAlert
        title={t('web.checkout.stripe.jsFailedTitle')}
        message={t('web.checkout.stripe.jsFailedBody')}
        onRetry={stripeJs.retry}
      />
    );
  if (stripeJs.status === 'loading' || !options)
    return <Skeleton height={180} radius="md" aria-label={t('web.checkout.stripe.loadingCard')} />;
  return (
    <Elements stripe={stripeJs.stripe} options={options}>
      <CardStep
        order={order}
        initialProblem={returned === 'confirming' ? null : returned}
        onConfirmStart={() => onConfirming?.(true)}
        onConfirmFailed={() => onConfirming?.(false)}
        onConfirmed={() => setConfirming(true)}
      />
    </Elements>
  );
}
