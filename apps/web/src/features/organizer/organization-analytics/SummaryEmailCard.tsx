import { Alert, Box, Button, Divider, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import type { AnalyticsSummaryFrequency, AnalyticsSummarySettings } from '@zevents/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { formatDateTime } from '../../../components/ui/format';
import { GlassCard } from '../../../components/ui/GlassCard';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { TimeZoneSelect } from '../editor/zone-and-currency';
import { browserTimeZone } from '../lib/zoned-time';
import { useUpdateAnalyticsSummary } from '../mutations/useAnalyticsSummaryMutations';
import { useAnalyticsSummarySettings } from '../queries/useAnalyticsSummarySettings';
import { SendSummaryNowButton } from './SendSummaryNowButton';
import {
  FREQUENCY_LABEL_KEYS,
  initialSummaryZone,
  parseFrequency,
  periodToSendNow,
  SAVED_LABEL_KEYS,
} from './summary-email';

/** The anchor the summary email links its settings to (`/organizer/analytics#summary-email`). */
const SUMMARY_EMAIL_ANCHOR = 'summary-email';

interface SummaryEmailValues {
  frequency: AnalyticsSummaryFrequency;
  timezone: string;
}

/** When the saved settings send the next summary, in the zone they are saved with. */
function NextSummaryLine({ settings }: { settings: AnalyticsSummarySettings }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" aria-live="polite">
      {settings.nextSendAt
        ? t('web.org.insight.organization.summary.next', {
            when: formatDateTime(settings.nextSendAt, settings.timezone),
          })
        : t('web.org.insight.organization.summary.off')}
    </Text>
  );
}

function SummaryEmailForm({
  organizationId,
  settings,
}: {
  organizationId: string;
  settings: AnalyticsSummarySettings;
}) {
  const { t } = useTranslation();
  const update = useUpdateAnalyticsSummary(organizationId);
  const [formError, setFormError] = useState<string | null>(null);
  const frequencyLabelId = useId();
  const form = useForm<SummaryEmailValues>({
    initialValues: {
      frequency: settings.frequency,
      timezone: initialSummaryZone(settings, browserTimeZone()),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    update.mutate(values, {
      onSuccess: (saved) => form.resetDirty({ frequency: saved.frequency, timezone: saved.timezone }),
      onError: (error) => setFormError(applyFormErrors(form, error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('web.org.insight.organization.summary.title')}>
      <Stack gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id={frequencyLabelId}>
            {t('web.org.insight.organization.summary.howOften')}
          </Text>
          <SegmentedControl
            radius="xl"
            fullWidth
            aria-labelledby={frequencyLabelId}
            data={Object.entries(FREQUENCY_LABEL_KEYS).map(([value, key]) => ({ value, label: t(key) }))}
            value={form.values.frequency}
            onChange={(value) => {
              const frequency = parseFrequency(value);
              if (frequency) form.setFieldValue('frequency', frequency);
            }}
          />
        </Stack>
        <TimeZoneSelect
          label={t('web.org.insight.organization.summary.timeZone')}
          description={t('web.org.insight.organization.summary.timeZoneHint')}
          allowDeselect={false}
          {...form.getInputProps('timezone')}
        />
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <NextSummaryLine settings={settings} />
        <Group gap="sm" align="center">
          <Button
            type="submit"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            loading={update.isPending}
          >
            {t('web.org.insight.organization.summary.save')}
          </Button>
          {/* Always in the page, so a screen reader announces what lands in it. */}
          <Text size="sm" c="teal.8" role="status">
            {update.isSuccess && !form.isDirty() ? t(SAVED_LABEL_KEYS[settings.frequency]) : ''}
          </Text>
        </Group>
        <Divider />
        <SendSummaryNowButton
          organizationId={organizationId}
          period={periodToSendNow(form.values.frequency)}
        />
      </Stack>
    </form>
  );
}

/**
 * The signed-in member's own summary email for this organization: every event's figures of the day or
 * week before, at 07:00 in the zone they pick. Each member chooses for themselves.
 */
export function SummaryEmailCard({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const settings = useAnalyticsSummarySettings(organizationId);
  const headingId = useId();
  const card = useRef<HTMLDivElement>(null);
  const { hash } = useLocation();
  // The email's "change these settings" link ends in #summary-email; the browser looked for the
  // anchor before this lazily loaded page existed, so the card brings itself into view.
  useEffect(() => {
    if (hash === `#${SUMMARY_EMAIL_ANCHOR}`) card.current?.scrollIntoView({ block: 'start' });
  }, [hash]);
  return (
    // Clear of the phone layout's fixed header when scrolled to.
    <Box id={SUMMARY_EMAIL_ANCHOR} ref={card} h="100%" style={{ scrollMarginTop: 80 }}>
      <GlassCard p={{ base: 'md', sm: 'lg' }} h="100%">
        <Stack gap="md" component="section" aria-labelledby={headingId}>
          <Stack gap={4}>
            <Title order={2} fz="lg" id={headingId}>
              {t('web.org.insight.organization.summary.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('web.org.insight.organization.summary.intro')}
            </Text>
          </Stack>
          {settings.isPending ? (
            <LoadingState label={t('web.org.insight.organization.summary.loading')} />
          ) : settings.isError ? (
            <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
          ) : (
            // A new organization's settings start a new form.
            <SummaryEmailForm key={organizationId} organizationId={organizationId} settings={settings.data} />
          )}
        </Stack>
      </GlassCard>
    </Box>
  );
}
