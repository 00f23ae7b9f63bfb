import '../organizer/organizer.css';
import './door.css';
import {
  ActionIcon,
  Box,
  Button,
  Container,
  Group,
  Progress,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowBackUp, IconArrowLeft } from '@tabler/icons-react';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import type { MeResponse } from '@zevents/contracts';
import { useMe } from '../../api/session';
import { GlassCard } from '../../components/ui/GlassCard';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { DateFilterSelect } from '../organizer/dates/DateFilterSelect';
import { useDateFilter } from '../organizer/dates/useDateFilter';
import { canManage } from '../organizer/lib/roles';
import { useEvent } from '../organizer/queries/useEvent';
import { useEventDates } from '../organizer/queries/useEventDates';
import { useLiveEventStats } from '../organizer/queries/useLiveEventStats';
import { AttendeeSearch } from './AttendeeSearch';
import { CheckInResultView } from './CheckInResultView';
import { failureResult, successResult, type DoorResult } from './door-result';
import { ManualCodeForm } from './ManualCodeForm';
import { QrScanner } from './QrScanner';
import { useCheckIn } from './useCheckIn';
import { useDoorUndo } from './useDoorUndo';
import { formatCount } from '../../components/ui/money';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher';

/** The same QR held in front of the camera is read again and again; one check-in is enough. */
const REPEAT_SCAN_MS = 4_000;

function vibrate(pattern: number | number[]) {
  try {
    navigator.vibrate?.(pattern);
  } catch {
    // Not every browser lets pages vibrate.
  }
}

function DoorCounter({ eventId, dateId }: { eventId: string; dateId: string | null }) {
  const stats = useLiveEventStats(eventId, { dateId });
  const { t } = useTranslation();
  if (!stats.data) return <Text c="dimmed">…</Text>;
  const { checkedIn, ticketsSold } = stats.data;
  return (
    <Stack gap={4} miw={150} ml="auto" aria-live="polite" aria-atomic="true">
      <Text
        fz={{ base: 26, sm: 32 }}
        fw={800}
        lh={1}
        ta="right"
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {formatCount(checkedIn)}
        <Text span c="dimmed" fz={{ base: 18, sm: 20 }} fw={600}>
          {' '}
          / {formatCount(ticketsSold)}
        </Text>
      </Text>
      <Text size="xs" c="dimmed" ta="right">
        {t('web.door.checkedIn')}
      </Text>
      <Progress
        value={ticketsSold > 0 ? (checkedIn / ticketsSold) * 100 : 0}
        size="sm"
        radius="xl"
        color="teal"
        aria-label={t('web.door.progress', {
          checkedIn: formatCount(checkedIn),
          sold: formatCount(ticketsSold),
        })}
      />
    </Stack>
  );
}

function DoorScreen({
  eventId,
  organizations,
}: {
  eventId: string;
  organizations: MeResponse['organizations'];
}) {
  const { t } = useTranslation();
  const event = useEvent(eventId);
  const dates = useEventDates(eventId);
  // Stable between renders (the query's own array), so the scanner's callback is not remade each time.
  const dateList = dates.data?.items;
  const dateItems = dateList ?? [];
  // The door of one night of a run admits that night's tickets only (the link's `?date=`).
  const [dateId, setDateId] = useDateFilter(dates.data?.items);
  const checkIn = useCheckIn(eventId, dateId);
  const [result, setResult] = useState<DoorResult | null>(null);
  const [pendingCode, setPendingCode] = useState<string | null>(null);
  const lastScan = useRef<{ code: string; at: number } | null>(null);
  const inFlight = useRef(false);
  const timeZone = event.data?.timezone ?? 'UTC';
  const { mutate } = checkIn;
  const role = organizations.find((o) => o.id === event.data?.organizationId)?.role;
  const undo = useDoorUndo(eventId, { canUndoAnyTime: canManage(role), timeZone, onResult: setResult });
  const { offer } = undo;

  const submit = useCallback(
    (code: string, source: 'camera' | 'hand') => {
      const now = Date.now();
      if (source === 'camera') {
        if (inFlight.current) return;
        // A QR held in view keeps being read: ignore it until it has been out of view for a moment.
        if (lastScan.current?.code === code && now - lastScan.current.at < REPEAT_SCAN_MS) {
          lastScan.current.at = now;
          return;
        }
      }
      lastScan.current = { code, at: now };
      inFlight.current = true;
      setPendingCode(code);
      mutate(code, {
        onSuccess: (answer) => {
          const admitted = successResult(answer, timeZone);
          setResult(admitted);
          offer(admitted);
          vibrate(80);
        },
        onError: (error) => {
          setResult(failureResult(error, timeZone, code, dateList));
          offer(null);
          vibrate([180, 80, 180]);
        },
        onSettled: () => {
          inFlight.current = false;
          setPendingCode(null);
        },
      });
    },
    [mutate, offer, timeZone, dateList],
  );

  const onScan = useCallback((text: string) => submit(text, 'camera'), [submit]);

  if (event.isError)
    return (
      <Container component="main" size="sm" py="xl">
        <ErrorState error={event.error} onRetry={() => void event.refetch()} />
      </Container>
    );

  const undoButton = undo.offered === result && result?.attendeeName !== undefined && (
    <Button
      variant="white"
      color="dark"
      mt="xs"
      w="fit-content"
      leftSection={<IconArrowBackUp size={18} />}
      loading={undo.isPending}
      onClick={undo.undo}
      aria-label={
        result.code
          ? t('web.door.undoLabelCode', { name: result.attendeeName, code: result.code })
          : t('web.door.undoLabel', { name: result.attendeeName })
      }
    >
      {t('web.door.undo')}
    </Button>
  );

  return (
    <Container
      component="main"
      size={1120}
      px={{ base: 'sm', sm: 'lg' }}
      py={{ base: 'sm', sm: 'lg' }}
      className="ze-organizer"
    >
      <Stack gap="md">
        <GlassCard p={{ base: 'sm', sm: 'lg' }}>
          {/* On a phone the counter drops below the title rather than squeezing it to a few words. */}
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="sm" wrap="nowrap" style={{ flex: '1 1 240px', minWidth: 0 }}>
              <Tooltip label={t('web.door.back')}>
                <ActionIcon
                  component={Link}
                  to={`/organizer/events/${eventId}`}
                  variant="subtle"
                  size="lg"
                  aria-label={t('web.door.back')}
                >
                  <IconArrowLeft size={20} />
                </ActionIcon>
              </Tooltip>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: '0.08em' }}>
                  {t('web.door.kicker')}
                </Text>
                <Title
                  order={1}
                  fz={{ base: 18, sm: 24 }}
                  lh={1.2}
                  lineClamp={2}
                  // Two lines at most; the full title stays a hover (or long-press) away.
                  title={event.data?.title}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {event.data?.title ?? t('web.door.loading')}
                </Title>
              </Stack>
            </Group>
            <DoorCounter eventId={eventId} dateId={dateId} />
          </Group>
          <Group justify="flex-end" mt="xs">
            <LanguageSwitcher />
          </Group>
          {dateItems.length > 0 && (
            <Box mt="sm">
              <DateFilterSelect
                dates={dateItems}
                timeZone={timeZone}
                value={dateId}
                onChange={(next) => {
                  setDateId(next);
                  // A result of the other date's door would read as this one's.
                  setResult(null);
                }}
                label={t('web.door.admitFor')}
              />
            </Box>
          )}
        </GlassCard>

        <Box className="ze-door-grid">
          <Box style={{ gridArea: 'result' }}>
            <CheckInResultView result={result} pending={checkIn.isPending} action={undoButton || undefined} />
          </Box>
          <GlassCard p={{ base: 'sm', sm: 'lg' }} style={{ gridArea: 'camera', alignSelf: 'start' }}>
            <QrScanner onScan={onScan} />
          </GlassCard>
          <GlassCard p={{ base: 'md', sm: 'lg' }} style={{ gridArea: 'manual' }}>
            <ManualCodeForm
              onSubmit={(code) => submit(code, 'hand')}
              pending={checkIn.isPending && pendingCode !== null}
            />
          </GlassCard>
          <GlassCard p={{ base: 'md', sm: 'lg' }} style={{ gridArea: 'search' }}>
            <AttendeeSearch
              eventId={eventId}
              timeZone={timeZone}
              pendingCode={pendingCode}
              onCheckIn={(code) => submit(code, 'hand')}
            />
          </GlassCard>
        </Box>
      </Stack>
    </Container>
  );
}

/** /door/:eventId — the check-in screen for organizers and staff, built for a phone in one hand. */
export default function CheckInPage() {
  const { eventId = '' } = useParams();
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) return <LoadingState label={t('web.door.opening')} />;
  if (me.isError)
    return (
      <Container component="main" size="sm" py="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return <DoorScreen eventId={eventId} organizations={me.data.organizations} />;
}
