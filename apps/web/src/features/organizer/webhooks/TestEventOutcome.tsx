import { Alert, Code, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import type { WebhookDelivery } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useWebhookDelivery } from '../queries/useWebhookDelivery';
import { outcomeLine } from './delivery-outcome';

function SettledOutcome({ delivery, onClose }: { delivery: WebhookDelivery; onClose: () => void }) {
  const { t } = useTranslation();
  const isSuccess = delivery.status === 'succeeded';
  return (
    <Alert
      color={isSuccess ? 'teal' : 'red'}
      icon={isSuccess ? <IconCircleCheck size={18} /> : <IconCircleX size={18} />}
      title={
        isSuccess ? t('web.org.settings.webhooks.test.succeeded') : t('web.org.settings.webhooks.test.failed')
      }
      withCloseButton
      closeButtonLabel={t('web.org.settings.webhooks.test.hide')}
      onClose={onClose}
      role="status"
    >
      <Stack gap={6}>
        <Text size="sm">{outcomeLine(delivery)}</Text>
        {delivery.responseBody && (
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 160 }}>
            {delivery.responseBody}
          </Code>
        )}
        {!isSuccess && <Text size="xs">{t('web.org.settings.webhooks.test.rules')}</Text>}
      </Stack>
    </Alert>
  );
}

/** How the last test event went: the answer's status code and time, or what went wrong. */
export function TestEventOutcome({
  sent,
  error,
  onClose,
}: {
  /** The delivery the test button's POST answered with. */
  sent: WebhookDelivery | undefined;
  error: unknown;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const delivery = useWebhookDelivery(sent).data;
  if (error)
    return (
      <Alert
        color="red"
        icon={<IconCircleX size={18} />}
        title={t('web.org.settings.webhooks.test.notSent')}
        role="alert"
      >
        {describeApiError(error)}
      </Alert>
    );
  if (!delivery) return null;
  if (delivery.status === 'pending')
    return (
      <Alert
        color="yellow"
        icon={<Loader size={16} color="yellow.9" />}
        title={t('web.org.settings.webhooks.test.sent')}
        role="status"
      >
        {t('web.org.settings.webhooks.test.waiting')}
      </Alert>
    );
  return <SettledOutcome delivery={delivery} onClose={onClose} />;
}
