import { Avatar, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ResponsiveImage } from '../../../components/ui/ResponsiveImage';
import { GlassCard } from '../../../components/ui/GlassCard';
import type { OrganizationMembership } from '../layout/current-organization';
import { ImageUploader } from '../media/ImageUploader';
import { useRemoveOrganizationLogo, useUploadOrganizationLogo } from '../mutations/useOrganizationLogo';

const LOGO_SIZE = 72;

/** The organization's initials where its logo will go, so the card keeps its shape without one. */
function NoLogoYet({ name }: { name: string }) {
  return (
    <Group gap="md" wrap="nowrap">
      <Avatar size={LOGO_SIZE} radius="lg" color="indigo" name={name} aria-hidden />
      <Text size="sm" c="dimmed">
        No logo yet: the event pages show the organization&rsquo;s name alone.
      </Text>
    </Group>
  );
}

/** The logo shown beside the organization's name on its public event pages. */
export function OrganizationLogoCard({ organization }: { organization: OrganizationMembership }) {
  const upload = useUploadOrganizationLogo(organization.id);
  const remove = useRemoveOrganizationLogo(organization.id);
  const logo = organization.logo;

  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Title order={2} fz="lg">
          Logo
        </Title>
        <ImageUploader
          noun="logo"
          preview={
            logo ? (
              <ResponsiveImage
                image={logo}
                sizes={`${LOGO_SIZE}px`}
                fallbackAlt={`${organization.name} logo`}
                style={{ width: LOGO_SIZE, height: LOGO_SIZE, objectFit: 'contain', borderRadius: 12 }}
              />
            ) : null
          }
          emptyPreview={<NoLogoYet name={organization.name} />}
          hint="A square JPEG, PNG or WebP (transparency kept), up to 10 MB"
          onUpload={async (file, onProgress) => {
            await upload.mutateAsync({ file, onProgress });
            notifications.show({ color: 'teal', message: 'Logo saved' });
          }}
          onRemove={async () => {
            await remove.mutateAsync();
            notifications.show({ color: 'teal', message: 'Logo removed' });
          }}
        />
      </Stack>
    </GlassCard>
  );
}
