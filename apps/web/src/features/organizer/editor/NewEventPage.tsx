import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import type { CreateEventBody } from '@zevents/contracts';
import { useNavigate } from 'react-router';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage } from '../lib/roles';
import { useCreateEvent } from '../mutations/useCreateEvent';
import { EventDetailsForm } from './EventDetailsForm';

/** A new event starts as a draft: details first, then ticket types, then publish. */
export default function NewEventPage() {
  const { organization } = useCurrentOrganization();
  const create = useCreateEvent(organization.id);
  const navigate = useNavigate();

  return (
    <>
      <PageHeader
        back={{ to: '/organizer', label: 'All events' }}
        title="New event"
        description={`A draft for ${organization.name}. Nobody sees it until you publish.`}
      />
      {!canManage(organization.role) ? (
        <Alert color="indigo" icon={<IconInfoCircle size={18} />}>
          Staff cannot create events. Ask an owner or admin of {organization.name}.
        </Alert>
      ) : (
        <GlassCard p={{ base: 'md', sm: 'xl' }} maw={880}>
          <EventDetailsForm
            submitLabel="Create draft"
            onSubmit={async (body) => {
              const event = await create.mutateAsync(body as CreateEventBody);
              notifications.show({
                color: 'teal',
                title: 'Draft created',
                message: 'Now add ticket types, then publish.',
              });
              void navigate(`/organizer/events/${event.id}/edit?tab=tickets`);
            }}
          />
        </GlassCard>
      )}
    </>
  );
}
