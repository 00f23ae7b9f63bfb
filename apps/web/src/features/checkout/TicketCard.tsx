import { Badge, Box, Button, Center, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { IconArrowForwardUp, IconDownload, IconExternalLink, IconWorld } from '@tabler/icons-react';
import type { Order, Ticket } from '@zevents/contracts';
import QRCode from 'qrcode';
import { type ReactNode, useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { orderPath } from '../../api/useOrder';
import { currentIntlLocale } from '../../i18n/i18n';
import { WalletButtons } from './WalletButtons';

/**
 * The join link of an online or hybrid event, on a paid order only (the API sends it to ticket
 * holders and nobody else). Opens in a new tab so the order and its tickets stay at hand.
 */
export function JoinOnlineCard({ order }: { order: Pick<Order, 'onlineUrl' | 'eventKind'> }) {
  const { t } = useTranslation();
  if (!order.onlineUrl) return null;
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} className="ze-glass">
      <Group justify="space-between" gap="md" wrap="wrap">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 240px' }}>
          <IconWorld size={28} aria-hidden style={{ flex: 'none' }} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={700}>
              {order.eventKind === 'hybrid'
                ? t('web.checkout.ticket.hybrid')
                : t('web.checkout.ticket.online')}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {order.onlineUrl}
            </Text>
          </Stack>
        </Group>
        <Button
          component="a"
          href={order.onlineUrl}
          target="_blank"
          rel="noopener noreferrer"
          size="md"
          rightSection={<IconExternalLink size={18} aria-hidden />}
        >
          {t('web.checkout.ticket.join')}
        </Button>
      </Group>
    </Paper>
  );
}

/** The QR code as an SVG data URL: crisp at any size, on screen or printed. */
function useQrImage(value: string) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    QRCode.toString(value, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
      color: { dark: '#111327', light: '#ffffff' },
    })
      .then((svg) => {
        if (isCurrent) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (isCurrent) setSrc(null);
      });
    return () => {
      isCurrent = false;
    };
  }, [value]);
  return src;
}

function StatusBadge({ ticket, isRefunded }: { ticket: Ticket; isRefunded: boolean }) {
  const { t } = useTranslation();
  if (ticket.status === 'void')
    return (
      <Badge color="red" variant="filled">
        {isRefunded ? t('web.checkout.ticket.refunded') : t('web.checkout.ticket.void')}
      </Badge>
    );
  if (ticket.status === 'checked_in')
    return (
      <Badge color="teal" variant="light">
        {t('web.checkout.ticket.checkedIn')}
      </Badge>
    );
  return (
    <Badge color="green" variant="light">
      {t('web.checkout.ticket.valid')}
    </Badge>
  );
}

interface TicketCardProps {
  ticket: Ticket;
  orderId: string;
  token: string | null;
  /** The order had a refund: a void ticket is a refunded one. */
  isRefunded: boolean;
  index: number;
  count: number;
  /** Where its PDF is (default: the order's ticket PDF with the order token). */
  pdfHref?: string;
  /** The ticket's own token, for its wallet passes (default: the order token). */
  ticketToken?: string | null;
  /** Offered under the ticket (a Transfer button). */
  actions?: ReactNode;
  /** The date it admits to, on an event with several ("Fri, 12 Mar 2027, 19:30 CET"). */
  when?: string;
}

/** One ticket: a large scannable QR code, the short code for typing at the door, and the PDF. */
export function TicketCard({
  ticket,
  orderId,
  token,
  isRefunded,
  index,
  count,
  pdfHref,
  ticketToken,
  actions,
  when,
}: TicketCardProps) {
  const { t } = useTranslation();
  const qr = useQrImage(ticket.qr);
  const label = t('web.checkout.ticket.label', { number: index + 1, count });
  const isVoid = ticket.status === 'void';
  // Passed on to someone else: theirs now, shown without its code or QR.
  if (ticket.transferredAt && !ticket.qr)
    return (
      <Paper component="article" className="ze-glass" p="lg" radius="xl" aria-label={label}>
        <Stack gap="xs">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700} size="lg">
              {ticket.ticketTypeName}
            </Text>
            <Badge color="indigo" variant="light" leftSection={<IconArrowForwardUp size={12} aria-hidden />}>
              {t('web.checkout.ticket.transferred')}
            </Badge>
          </Group>
          <Text size="sm">
            <Trans
              i18nKey="web.checkout.ticket.transferredTo"
              values={{
                name: ticket.attendeeName,
                date: new Date(ticket.transferredAt).toLocaleDateString(currentIntlLocale()),
              }}
              components={{ b: <strong /> }}
            />
          </Text>
        </Stack>
      </Paper>
    );
  return (
    <Paper component="article" className="ze-glass" p="lg" radius="xl" aria-label={label}>
      <Stack gap="md" align="stretch">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} size="lg">
              {ticket.ticketTypeName}
            </Text>
            <Text size="sm" c="dimmed">
              {ticket.attendeeName} · {label}
            </Text>
            {when && (
              <Text size="sm" fw={600}>
                {when}
              </Text>
            )}
          </div>
          <StatusBadge ticket={ticket} isRefunded={isRefunded} />
        </Group>

        <Center>
          <Box
            pos="relative"
            w="100%"
            maw={280}
            p="sm"
            bg="white"
            style={{ borderRadius: 20, boxShadow: '0 10px 30px -15px rgba(17,19,39,0.35)' }}
          >
            {qr ? (
              <Image
                src={qr}
                alt={
                  isVoid
                    ? t('web.checkout.ticket.qrVoid', { code: ticket.code })
                    : t('web.checkout.ticket.qr', { code: ticket.code })
                }
                w="100%"
                style={{ aspectRatio: '1 / 1', opacity: isVoid ? 0.15 : 1, imageRendering: 'pixelated' }}
              />
            ) : (
              <Box style={{ aspectRatio: '1 / 1' }} />
            )}
            {isVoid && (
              <Center pos="absolute" inset={0}>
                <Text fw={800} c="red.8" size="xl" ta="center" style={{ transform: 'rotate(-12deg)' }}>
                  {isRefunded ? t('web.checkout.ticket.stampRefunded') : t('web.checkout.ticket.stampVoid')}
                </Text>
              </Center>
            )}
          </Box>
        </Center>

        <Stack gap={2} align="center">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.08em' }}>
            {t('web.checkout.ticket.code')}
          </Text>
          <Text
            ff="monospace"
            fw={800}
            fz={26}
            style={{ letterSpacing: '0.12em' }}
            td={isVoid ? 'line-through' : undefined}
          >
            {ticket.code}
          </Text>
          {ticket.checkedInAt && (
            <Text size="xs" c="dimmed">
              {t('web.checkout.ticket.checkedInAt', {
                time: new Date(ticket.checkedInAt).toLocaleString(currentIntlLocale()),
              })}
            </Text>
          )}
        </Stack>

        {!isVoid && (
          <Button
            component="a"
            href={pdfHref ?? orderPath(orderId, token, `/tickets/${ticket.id}.pdf`)}
            download={`ticket-${ticket.code}.pdf`}
            variant="light"
            leftSection={<IconDownload size={18} aria-hidden />}
            fullWidth
          >
            {t('web.checkout.ticket.download')}
          </Button>
        )}
        {!isVoid && <WalletButtons ticketId={ticket.id} code={ticket.code} token={ticketToken ?? token} />}
        {actions}
      </Stack>
    </Paper>
  );
}
