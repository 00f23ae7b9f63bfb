import { Alert, Badge } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import type { Webhook } from '@zevents/contracts';
import { formatWhen } from './delivery-outcome';

type Health = Pick<Webhook, 'active' | 'failingSince' | 'disabledAt' | 'disabledReason'>;

/** Active or Off; an endpoint turned off by its failures is red, one someone turned off is grey. */
export function WebhookStatusBadge({ webhook }: { webhook: Health }) {
  if (webhook.active)
    return (
      <Badge variant="light" radius="sm" color="teal">
        Active
      </Badge>
    );
  return (
    <Badge variant="light" radius="sm" color={webhook.disabledAt ? 'red' : 'gray'}>
      Off
    </Badge>
  );
}

/**
 * Why an endpoint needs attention: turned off after three days of failures (and how to bring it back),
 * or failing now (and what happens if it goes on). Nothing for a healthy one.
 */
export function WebhookHealthNotice({ webhook }: { webhook: Health }) {
  if (!webhook.active && webhook.disabledAt)
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconPlugConnectedX size={18} aria-hidden />}
        title={`Turned off on ${formatWhen(webhook.disabledAt)}`}
      >
        {webhook.disabledReason ? `Why: ${webhook.disabledReason}. ` : ''}
        Events that happen while it is off are not sent to it. Fix the endpoint, send a test event, then turn
        it on again.
      </Alert>
    );
  if (webhook.active && webhook.failingSince)
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} aria-hidden />}
        title={`Failing since ${formatWhen(webhook.failingSince)}`}
      >
        Every delivery since then failed; each is retried with growing pauses. After three days of failures
        the endpoint is turned off and the owners are emailed.
      </Alert>
    );
  return null;
}
