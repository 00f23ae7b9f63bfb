import { Skeleton, Stack } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { usePaymentConfig } from '../../api/usePaymentConfig';
import { ErrorState } from '../../components/ui/QueryState';
import { TestCardForm, type PaymentFormProps } from './TestCardForm';

// Stripe Elements (and the code that loads Stripe.js) only reach buyers of a Stripe-configured server,
// and only on the checkout page: the event page's first load stays as small as it was.
const StripePaymentForm = lazy(() => import('./StripePaymentForm'));

function PaymentFormSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t('web.checkout.pay.loadingForm')}>
      <Skeleton height={44} radius="md" />
      <Skeleton height={44} radius="md" />
      <Skeleton height={50} radius="xl" />
    </Stack>
  );
}

/** The payment step with whichever provider the server uses: the test card form or Stripe Elements. */
export function PaymentForm(props: PaymentFormProps) {
  const config = usePaymentConfig();
  if (config.isPending) return <PaymentFormSkeleton />;
  if (config.isError) return <ErrorState error={config.error} onRetry={() => void config.refetch()} />;
  if (config.data.provider === 'stripe')
    return (
      <Suspense fallback={<PaymentFormSkeleton />}>
        <StripePaymentForm {...props} publishableKey={config.data.publishableKey} />
      </Suspense>
    );
  return <TestCardForm {...props} />;
}
