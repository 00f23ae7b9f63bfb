import { Button, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useSendAnalyticsSummary } from '../mutations/useAnalyticsSummaryMutations';

const PERIOD_WORDS = { daily: "yesterday's", weekly: "last week's" } as const;

/** Queues one summary to the member now, to see what it looks like without waiting for 07:00. */
export function SendSummaryNowButton({
  organizationId,
  period,
}: {
  organizationId: string;
  period: 'daily' | 'weekly';
}) {
  const send = useSendAnalyticsSummary(organizationId);
  return (
    <Stack gap={6} align="flex-start">
      <Button
        variant="default"
        leftSection={<IconSend size={16} aria-hidden />}
        loading={send.isPending}
        onClick={() => send.mutate({ frequency: period })}
      >
        Send me one now
      </Button>
      {/* Always in the page, so a screen reader announces what lands in it. */}
      <Text size="sm" role="status" c={send.isError ? 'red.8' : 'dimmed'}>
        {send.isSuccess
          ? `On its way: ${PERIOD_WORDS[send.variables.frequency]} summary, to your inbox.`
          : send.isError
            ? describeApiError(send.error)
            : `Sends ${PERIOD_WORDS[period]} figures to you alone.`}
      </Text>
    </Stack>
  );
}
