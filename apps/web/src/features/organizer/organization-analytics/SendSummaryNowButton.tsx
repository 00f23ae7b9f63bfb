import { Button, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useSendAnalyticsSummary } from '../mutations/useAnalyticsSummaryMutations';

/** What the button says it sends, and then that it sent, per period (catalog keys). */
const SENT_KEYS = {
  daily: 'web.org.insight.organization.sendNow.sentDaily',
  weekly: 'web.org.insight.organization.sendNow.sentWeekly',
} as const;
const HINT_KEYS = {
  daily: 'web.org.insight.organization.sendNow.hintDaily',
  weekly: 'web.org.insight.organization.sendNow.hintWeekly',
} as const;

/** Queues one summary to the member now, to see what it looks like without waiting for 07:00. */
export function SendSummaryNowButton({
  organizationId,
  period,
}: {
  organizationId: string;
  period: 'daily' | 'weekly';
}) {
  const { t } = useTranslation();
  const send = useSendAnalyticsSummary(organizationId);
  return (
    <Stack gap={6} align="flex-start">
      <Button
        variant="default"
        leftSection={<IconSend size={16} aria-hidden />}
        loading={send.isPending}
        onClick={() => send.mutate({ frequency: period })}
      >
        {t('web.org.insight.organization.sendNow.button')}
      </Button>
      {/* Always in the page, so a screen reader announces what lands in it. */}
      <Text size="sm" role="status" c={send.isError ? 'red.8' : 'dimmed'}>
        {send.isSuccess
          ? t(SENT_KEYS[send.variables.frequency])
          : send.isError
            ? describeApiError(send.error)
            : t(HINT_KEYS[period])}
      </Text>
    </Stack>
  );
}
