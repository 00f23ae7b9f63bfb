import { paragraph } from './blocks';
import type { RenderedEmail } from './email-types';
import { formatUtcDeadline } from './format';
import { renderEmail } from './layout';

export interface WebhookDisabledInput {
  organizationName: string;
  url: string;
  failingSince: Date;
  disabledAt: Date;
  /** Where an owner turns it back on: the organization's integrations page. */
  settingsUrl: string;
}

/** To an organization's owners: an endpoint failed for three days and no longer receives events. */
export function renderWebhookDisabled(input: WebhookDisabledInput): Promise<RenderedEmail> {
  return renderEmail({
    subject: `A webhook of ${input.organizationName} was turned off after three days of failures`,
    preheader: `${input.url} has not accepted a delivery since ${formatUtcDeadline(input.failingSince)}.`,
    badge: { text: 'Webhook turned off', tone: 'warning' },
    // The frame is made for events: its band shows the organization and a title.
    event: {
      id: input.url,
      title: 'Webhook turned off',
      venue: null,
      startsAt: input.disabledAt,
      endsAt: input.disabledAt,
      timezone: 'UTC',
      organizationName: input.organizationName,
      url: input.settingsUrl,
    },
    blocks: [
      paragraph('Hi,'),
      paragraph(
        'Every delivery to ',
        { text: input.url, isStrong: true },
        ` failed for three days, so Z-Events turned the endpoint off and stopped retrying.`,
      ),
      {
        kind: 'details',
        rows: [
          { label: 'Endpoint', value: input.url },
          { label: 'Failing since', value: formatUtcDeadline(input.failingSince) },
          { label: 'Turned off', value: formatUtcDeadline(input.disabledAt) },
        ],
      },
      { kind: 'button', label: 'Open the webhook settings', href: input.settingsUrl },
      paragraph(
        'The delivery log shows what the endpoint answered. Once it works again, turn it back on; you can redeliver any event from the log.',
      ),
    ],
    reason: `You are receiving this email because you are an owner of ${input.organizationName} on Z-Events.`,
    footerLink: { label: 'Webhook settings', href: input.settingsUrl },
  });
}
