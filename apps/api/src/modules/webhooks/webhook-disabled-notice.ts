import type { Notifier } from '../notifications';
import { findOrganization, listMembers } from '../organizations';
import type { WebhookDisabledNotice } from './webhook-dispatcher';

/** When three days of failures turn an endpoint off, every owner of its organization gets an email. */
export function tellOwnersWhenDisabled(notifier: Notifier): WebhookDisabledNotice {
  return async (tx, notice) => {
    const [organization, members] = await Promise.all([
      findOrganization(tx, notice.organizationId),
      listMembers(tx, notice.organizationId),
    ]);
    await notifier.webhookDisabled(tx, {
      webhookId: notice.webhookId,
      url: notice.url,
      organizationId: notice.organizationId,
      organizationName: organization?.name ?? 'your organization',
      failingSince: notice.failingSince,
      disabledAt: notice.disabledAt,
      recipients: members.filter((member) => member.role === 'owner').map((member) => member.email),
    });
  };
}
