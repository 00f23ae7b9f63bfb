import { Center, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import type { User } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../../components/ui/GlassCard';
import { CreateOrganizationForm } from './CreateOrganizationForm';

/**
 * First visit of a new organizer: events belong to an organization, so make one. `notice` (the
 * confirm-your-email banner) sits right above the card, centred with it.
 */
export function CreateOrganizationScreen({ user, notice }: { user: User; notice?: ReactNode }) {
  const { t } = useTranslation();
  return (
    // Outside the organizer layout, so it is its own main landmark.
    <Center component="main" mih="100vh" p="md">
      <Stack w="100%" maw={480} gap="md">
        {notice}
        <GlassCard p="xl">
          <Stack gap="lg">
            <Group gap="md" wrap="nowrap">
              <ThemeIcon size={48} radius="xl" variant="light">
                <IconBuildingCommunity size={26} aria-hidden />
              </ThemeIcon>
              <Stack gap={2}>
                <Title order={1} fz={24}>
                  {t('web.org.settings.organizations.createTitle')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('web.org.settings.organizations.welcome', { name: user.name })}
                </Text>
              </Stack>
            </Group>
            <CreateOrganizationForm />
          </Stack>
        </GlassCard>
      </Stack>
    </Center>
  );
}
