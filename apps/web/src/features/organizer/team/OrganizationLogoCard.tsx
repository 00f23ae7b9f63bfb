import { Avatar, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ResponsiveImage } from '../../../components/ui/ResponsiveImage';
import { GlassCard } from '../../../components/ui/GlassCard';
import type { OrganizationMembership } from '../layout/current-organization';
import { ImageUploader } from '../media/ImageUploader';
import { useRemoveOrganizationLogo, useUploadOrganizationLogo } from '../mutations/useOrganizationLogo';

const LOGO_SIZE = 72;

/** The organization's initials where its logo will go, so the card keeps its shape without one. */
function NoLogoYet({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="md" wrap="nowrap">
      <Avatar size={LOGO_SIZE} radius="lg" color="indigo" name={name} aria-hidden />
      <Text size="sm" c="dimmed">
        {t('web.org.settings.team.logo.noLogo')}
      </Text>
    </Group>
  );
}

/** The logo shown beside the organization's name on its public event pages. */
export function OrganizationLogoCard({ organization }: { organization: OrganizationMembership }) {
  const { t } = useTranslation();
  const upload = useUploadOrganizationLogo(organization.id);
  const remove = useRemoveOrganizationLogo(organization.id);
  const logo = organization.logo;

  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Title order={2} fz="lg">
          {t('web.org.settings.team.logo.title')}
        </Title>
        <ImageUploader
          noun={t('web.org.settings.team.logo.noun')}
          preview={
            logo ? (
              <ResponsiveImage
                image={logo}
                sizes={`${LOGO_SIZE}px`}
                fallbackAlt={t('web.org.settings.team.logo.alt', { name: organization.name })}
                style={{ width: LOGO_SIZE, height: LOGO_SIZE, objectFit: 'contain', borderRadius: 12 }}
              />
            ) : null
          }
          emptyPreview={<NoLogoYet name={organization.name} />}
          hint={t('web.org.settings.team.logo.hint')}
          onUpload={async (file, onProgress) => {
            await upload.mutateAsync({ file, onProgress });
            notifications.show({ color: 'teal', message: t('web.org.settings.team.logo.saved') });
          }}
          onRemove={async () => {
            await remove.mutateAsync();
            notifications.show({ color: 'teal', message: t('web.org.settings.team.logo.removed') });
          }}
        />
      </Stack>
    </GlassCard>
  );
}
