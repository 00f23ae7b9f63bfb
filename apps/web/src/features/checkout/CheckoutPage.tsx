import {
  Alert,
  Button,
  Container,
  Grid,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconArrowLeft, IconClockX } from '@tabler/icons-react';
import type { Order } from '@zevents/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { trackCheckoutDetails } from '../../api/beacon';
import { ApiError } from '../../api/client';
import { useCancelOrder } from '../../api/useCancelOrder';
import { orderKeys } from '../../api/order-keys';
import { useOrder } from '../../api/useOrder';
import { useOrderDetails } from '../../api/useOrderDetails';
import { usePublicEvent } from '../../api/usePublicEvent';
import { GlassCard } from '../../components/ui/GlassCard';
import { useScrollToTop } from '../../components/ui/useScrollToTop';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { describeApiError } from '../../components/ui/useFormErrorResponseHandler';
import { HoldCountdown } from './HoldCountdown';
import { OrderNotFound } from './OrderNotFound';
import { FreeOrderConfirm } from './FreeOrderConfirm';
import { CompanyInvoiceFields } from './CompanyInvoiceFields';
import { OrderDetailsForm } from './OrderDetailsForm';
import { OrderSummary } from './OrderSummary';
import { BankTransferOption } from './BankTransferOption';
import { PaymentForm } from './PaymentForm';
import { readStripeReturn } from './stripe-errors';
import { PAGE_CLASS } from '../../components/ui/pageClass';

function orderPageUrl(order: Pick<Order, 'id'>, token: string | null, pathPrefix: string) {
  return `${pathPrefix}/orders/${order.id}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** Each closed state's words (keys written out whole for the catalog check). */
const CLOSED_TEXT = {
  expired: { title: 'web.checkout.closed.expiredTitle', text: 'web.checkout.closed.expiredText' },
  cancelled: { title: 'web.checkout.closed.cancelledTitle', text: 'web.checkout.closed.cancelledText' },
  refunded: { title: 'web.checkout.closed.refundedTitle', text: 'web.checkout.closed.refundedText' },
} as const;

/** The end of the road for an unpaid order: expired, cancelled or refunded, with the way back to the event. */
function ClosedOrder({
  kind,
  eventId,
  pathPrefix,
}: {
  kind: keyof typeof CLOSED_TEXT;
  eventId: string;
  pathPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <Container className={PAGE_CLASS} size="sm" py="xl">
      <GlassCard>
        <Stack align="center" ta="center" gap="md" role="alert">
          <IconClockX size={44} stroke={1.5} aria-hidden />
          <Title order={1} size="h2">
            {t(CLOSED_TEXT[kind].title)}
          </Title>
          <Text c="dimmed" maw={460}>
            {t(CLOSED_TEXT[kind].text)}
          </Text>
          <Button
            component={Link}
            to={`${pathPrefix}/events/${eventId}`}
            leftSection={<IconArrowLeft size={18} aria-hidden />}
          >
            {t('web.checkout.page.backToEvent')}
          </Button>
        </Stack>
      </GlassCard>
    </Container>
  );
}

/**
 * `/checkout/:orderId?token=`: the hold's countdown, the order summary and the card form.
 * `pathPrefix` goes before the order and event paths it opens (`/embed` inside the embedded checkout).
 */
export default function CheckoutPage({ pathPrefix = '' }: { pathPrefix?: string }) {
  const { t } = useTranslation();
  const { orderId } = useParams();
  useScrollToTop(orderId);
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const order = useOrder(orderId, token);
  const event = usePublicEvent(order.data?.eventId);
  const cancel = useCancelOrder(orderId ?? '', token);
  const details = useOrderDetails(orderId, token);
  // null: not decided by the buyer yet (open while anything required is missing).
  const [isEditingDetails, setEditingDetails] = useState<boolean | null>(null);
  const [isHoldOver, setHoldOver] = useState(false);
  // Stripe has the payment (being confirmed, or back from the bank's 3-D Secure page) and the webhook
  // is on its way: the hold's clock no longer decides, the server does.
  const [isConfirming, setConfirming] = useState(() => readStripeReturn(searchParams) === 'confirming');
  const [isConfirmingCancel, setConfirmingCancel] = useState(false);
  const [method, setMethod] = useState<'card' | 'bank_transfer'>('card');

  const status = order.data?.status;
  // Paid already (a free order, another tab, a replayed link): the tickets are on the order page.
  useEffect(() => {
    // A bank transfer chosen (here or in another tab): its details are on the order page.
    if (
      order.data &&
      (status === 'paid' ||
        status === 'refunded' ||
        status === 'partially_refunded' ||
        status === 'awaiting_payment')
    )
      void navigate(orderPageUrl(order.data, token, pathPrefix), { replace: true });
  }, [order.data, status, token, navigate, pathPrefix]);

  // The funnel's "details" step, once per order: the hold is fresh, its checkout is open.
  const heldOrderId = status === 'reserved' ? order.data?.id : undefined;
  const heldEventId = order.data?.eventId;
  useEffect(() => {
    if (heldOrderId && heldEventId) trackCheckoutDetails(heldEventId, heldOrderId);
  }, [heldOrderId, heldEventId]);

  if (order.isPending || details.isPending) return <LoadingState label={t('web.checkout.page.loading')} />;
  if (order.isError) {
    return order.error instanceof ApiError && order.error.status === 404 ? (
      <OrderNotFound />
    ) : (
      <Container className={PAGE_CLASS} size="sm" py="xl">
        <ErrorState error={order.error} onRetry={() => void order.refetch()} />
      </Container>
    );
  }

  const data = order.data;
  if (status === 'cancelled')
    return <ClosedOrder kind="cancelled" eventId={data.eventId} pathPrefix={pathPrefix} />;
  // A payment that arrived after the hold, with the tickets gone: the server refunded it in full.
  if (status === 'expired' && data.payment?.status === 'refunded')
    return <ClosedOrder kind="refunded" eventId={data.eventId} pathPrefix={pathPrefix} />;
  // While a confirmed payment is on its way the server decides: an expired hold is re-reserved if
  // stock is left (the order turns paid) or the payment is refunded (above).
  if ((status === 'expired' || isHoldOver) && !isConfirming)
    return <ClosedOrder kind="expired" eventId={data.eventId} pathPrefix={pathPrefix} />;
  if (status !== 'reserved' && !(status === 'expired' && isConfirming))
    return <LoadingState label={t('web.checkout.page.opening')} />;

  const onHoldExpired = () => {
    setHoldOver(true);
    void queryClient.invalidateQueries({ queryKey: orderKeys.detail(data.id) });
  };
  const onPaid = (paid: Order) => void navigate(orderPageUrl(paid, token, pathPrefix), { replace: true });
  const offersBankTransfer = Boolean(event.data?.paymentMethods?.includes('bank_transfer'));
  const asked = details.data;
  const hasDetailsStep = Boolean(
    asked && (asked.questions.length > 0 || asked.attendeeFields.names || asked.attendeeFields.emails),
  );
  const isDetailsOpen = hasDetailsStep && (isEditingDetails ?? !asked?.complete);
  const ticketTypeNames = Object.fromEntries(
    data.items.map((item) => [item.ticketTypeId, item.ticketTypeName]),
  );

  return (
    <Container className={PAGE_CLASS} size="lg" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <title>{t('web.checkout.page.title')}</title>
      <Stack gap="lg">
        <Group justify="space-between" align="flex-end">
          <div>
            <Text size="xs" fw={700} c="indigo.7" tt="uppercase" style={{ letterSpacing: '0.08em' }}>
              {t('web.checkout.page.kicker')}
            </Text>
            <Title order={1} size="h2">
              {event.data ? event.data.title : t('web.checkout.page.completeOrder')}
            </Title>
          </div>
        </Group>

        {/* Stays in view under the header while the buyer scrolls the form on a phone. */}
        {!isConfirming && (
          <div style={{ position: 'sticky', top: 72, zIndex: 5 }}>
            <HoldCountdown expiresAt={data.expiresAt} createdAt={data.createdAt} onExpire={onHoldExpired} />
          </div>
        )}

        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="lg">
              {hasDetailsStep && asked && (
                <section aria-labelledby="details-title">
                  <GlassCard p={{ base: 'md', sm: 'xl' }}>
                    <Stack gap="lg">
                      <Group justify="space-between" align="center">
                        <Title order={2} size="h3" id="details-title">
                          {t('web.checkout.page.yourDetails')}
                        </Title>
                        {!isDetailsOpen && (
                          <Button variant="subtle" onClick={() => setEditingDetails(true)}>
                            {t('web.checkout.page.editDetails')}
                          </Button>
                        )}
                      </Group>
                      {isDetailsOpen ? (
                        <OrderDetailsForm
                          details={asked}
                          orderId={data.id}
                          token={token}
                          ticketTypeNames={ticketTypeNames}
                          onComplete={() => setEditingDetails(false)}
                        />
                      ) : (
                        <Text size="sm" c="dimmed">
                          {asked.attendees.length === 1
                            ? t('web.checkout.page.ticketFor', {
                                name: asked.attendees[0]?.name || asked.buyer.name,
                              })
                            : t('web.checkout.page.ticketsFor', {
                                names: asked.attendees.map((a) => a.name || asked.buyer.name).join(', '),
                              })}
                        </Text>
                      )}
                    </Stack>
                  </GlassCard>
                </section>
              )}
              <section aria-labelledby="payment-title">
                <GlassCard p={{ base: 'md', sm: 'xl' }}>
                  <Stack gap="lg">
                    <Title order={2} size="h3" id="payment-title">
                      {data.totalCents === 0
                        ? t('web.checkout.page.confirm')
                        : t('web.checkout.page.payment')}
                    </Title>
                    {isDetailsOpen ? (
                      <Text c="dimmed">{t('web.checkout.page.fillDetailsFirst')}</Text>
                    ) : data.totalCents === 0 ? (
                      <FreeOrderConfirm
                        order={data}
                        token={token}
                        onPaid={onPaid}
                        onHoldExpired={onHoldExpired}
                      />
                    ) : (
                      <>
                        {asked && !isConfirming && (
                          <CompanyInvoiceFields orderId={data.id} token={token} details={asked} />
                        )}
                        {offersBankTransfer && !isConfirming && (
                          <SegmentedControl
                            fullWidth
                            radius="xl"
                            aria-label={t('web.checkout.page.paymentMethod')}
                            value={method}
                            onChange={(value) =>
                              setMethod(value === 'bank_transfer' ? 'bank_transfer' : 'card')
                            }
                            data={[
                              { value: 'card', label: t('web.checkout.page.card') },
                              { value: 'bank_transfer', label: t('web.checkout.page.bankTransfer') },
                            ]}
                          />
                        )}
                        {offersBankTransfer && method === 'bank_transfer' && !isConfirming ? (
                          <BankTransferOption
                            order={data}
                            token={token}
                            onRequested={onPaid}
                            onHoldExpired={onHoldExpired}
                          />
                        ) : (
                          <PaymentForm
                            order={data}
                            token={token}
                            onPaid={onPaid}
                            onHoldExpired={onHoldExpired}
                            onConfirming={setConfirming}
                          />
                        )}
                      </>
                    )}
                    {!isConfirming && (
                      <Group justify="center">
                        <Button variant="subtle" color="gray" onClick={() => setConfirmingCancel(true)}>
                          {t('web.checkout.page.cancelAndRelease')}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </GlassCard>
              </section>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <section aria-labelledby="summary-title">
              <GlassCard p={{ base: 'md', sm: 'lg' }}>
                <Title order={2} size="h4" id="summary-title" mb="md">
                  {t('web.checkout.page.summary')}
                </Title>
                <OrderSummary order={data} event={event.data} />
              </GlassCard>
            </section>
          </Grid.Col>
        </Grid>
      </Stack>

      <Modal
        opened={isConfirmingCancel}
        onClose={() => setConfirmingCancel(false)}
        title={t('web.checkout.page.cancelTitle')}
        centered
        radius="lg"
      >
        <Stack gap="md">
          <Text size="sm">{t('web.checkout.page.cancelBody')}</Text>
          {cancel.isError && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {describeApiError(cancel.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmingCancel(false)}>
              {t('web.checkout.page.keep')}
            </Button>
            <Button
              color="red"
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(undefined, {
                  onSuccess: () => setConfirmingCancel(false),
                  onError: () => void queryClient.invalidateQueries({ queryKey: orderKeys.detail(data.id) }),
                })
              }
            >
              {t('web.checkout.page.cancelOrder')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Container>
  );
}
