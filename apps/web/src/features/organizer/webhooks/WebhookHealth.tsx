import { Alert, Badge } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import type { Webhook } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { formatWhen } from './delivery-outcome';

type Health = Pick<Webhook, 'active' | 'failingSince' | 'disabledAt' | 'disabledReason'>;

/** Active or Off; an endpoint turned off by its failures is red, one someone turned off is grey. */
export function WebhookStatusBadge({ webhook }: { webhook: Health }) {
  const { t } = useTranslation();
  if (webhook.active)
    return (
      <Badge variant="light" radius="sm" color="teal">
        {t('web.org.settings.webhooks.health.active')}
      </Badge>
    );
  return (
    <Badge variant="light" radius="sm" color={webhook.disabledAt ? 'red' : 'gray'}>
      {t('web.org.settings.webhooks.health.off')}
    </Badge>
  );
}

/**
 * Why an endpoint needs attention: turned off after three days of failures (and how to bring it back),
 * or failing now (and what happens if it goes on). Nothing for a healthy one.
 */
export function WebhookHealthNotice({ webhook }: { webhook: Health }) {
  const { t } = useTranslation();
  if (!webhook.active && webhook.disabledAt)
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconPlugConnectedX size={18} aria-hidden />}
        title={t('web.org.settings.webhooks.health.turnedOff', { date: formatWhen(webhook.disabledAt) })}
      >
        {webhook.disabledReason
          ? t('web.org.settings.webhooks.health.why', { reason: webhook.disabledReason })
          : ''}
        {t('web.org.settings.webhooks.health.offBody')}
      </Alert>
    );
  if (webhook.active && webhook.failingSince)
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} aria-hidden />}
        title={t('web.org.settings.webhooks.health.failing', { date: formatWhen(webhook.failingSince) })}
      >
        {t('web.org.settings.webhooks.health.failingBody')}
      </Alert>
    );
  return null;
}
