import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import type { CreateEventBody } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage } from '../lib/roles';
import { useCreateEvent } from '../mutations/useCreateEvent';
import { EventDetailsForm } from './EventDetailsForm';

/** A new event starts as a draft: details first, then ticket types, then publish. */
export default function NewEventPage() {
  const { t } = useTranslation();
  const { organization } = useCurrentOrganization();
  const create = useCreateEvent(organization.id);
  const navigate = useNavigate();

  return (
    <>
      <PageHeader
        back={{ to: '/organizer', label: t('web.org.editor.page.allEvents') }}
        title={t('web.org.editor.newEvent.title')}
        description={t('web.org.editor.newEvent.description', { name: organization.name })}
      />
      {!canManage(organization.role) ? (
        <Alert color="indigo" icon={<IconInfoCircle size={18} />}>
          {t('web.org.editor.newEvent.staffCannot', { name: organization.name })}
        </Alert>
      ) : (
        <GlassCard p={{ base: 'md', sm: 'xl' }} maw={880}>
          <EventDetailsForm
            submitLabel={t('web.org.editor.newEvent.submit')}
            onSubmit={async (body) => {
              const event = await create.mutateAsync(body as CreateEventBody);
              notifications.show({
                color: 'teal',
                title: t('web.org.editor.newEvent.created'),
                message: t('web.org.editor.newEvent.createdBody'),
              });
              void navigate(`/organizer/events/${event.id}/edit?tab=tickets`);
            }}
          />
        </GlassCard>
      )}
    </>
  );
}
