import { ActionIcon, Button, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { ORGANIZATION_LINKS_MAX, type OrganizationProfile, UpdateOrganizationBody } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../../components/ui/GlassCard';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { useFormErrorResponseHandler } from '../../../components/ui/useFormErrorResponseHandler';
import { useUpdateOrganizationProfile } from './useOrganizationProfile';

interface ProfileValues {
  name: string;
  description: string;
  website: string;
  links: Array<{ label: string; url: string }>;
}

const toBody = (values: ProfileValues): UpdateOrganizationBody => ({
  name: values.name.trim(),
  description: values.description.trim() || null,
  website: values.website.trim() || null,
  links: values.links.map((link) => ({ label: link.label.trim(), url: link.url.trim() })),
});

/** Name, description, website and links: what the public organizer page (/o/{slug}) shows. */
export function ProfileCard({ profile, mayManage }: { profile: OrganizationProfile; mayManage: boolean }) {
  const { t } = useTranslation();
  const urlMessage = t('web.org.settings.profile.card.url');
  const save = useUpdateOrganizationProfile(profile.id);
  const form = useForm<ProfileValues>({
    initialValues: {
      name: profile.name,
      description: profile.description ?? '',
      website: profile.website ?? '',
      links: profile.links,
    },
    validate: schemaValidator<ProfileValues>(UpdateOrganizationBody, {
      toBody,
      messages: {
        name: t('web.org.settings.profile.card.name'),
        description: t('web.org.settings.profile.card.descriptionLength'),
        website: urlMessage,
        links: t('web.org.settings.profile.card.maxLinks', { max: ORGANIZATION_LINKS_MAX }),
      },
    }),
  });
  const handleError = useFormErrorResponseHandler(form);
  // Link fields get their own words: the schema's paths are `links.0.label`, `links.0.url`.
  const linkError = (index: number, key: 'label' | 'url') => {
    const error = form.errors[`links.${index}.${key}`];
    if (!error) return undefined;
    return key === 'label' ? t('web.org.settings.profile.card.linkLabelError') : urlMessage;
  };

  const submit = form.onSubmit(async (values) => {
    try {
      const saved = await save.mutateAsync(toBody(values));
      form.setValues({
        name: saved.name,
        description: saved.description ?? '',
        website: saved.website ?? '',
        links: saved.links,
      });
      form.resetDirty();
      notifications.show({ color: 'teal', message: t('web.org.settings.profile.card.saved') });
    } catch (error) {
      handleError(error);
    }
  });

  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <form onSubmit={submit} noValidate aria-labelledby="profile-title">
        <Stack gap="md">
          <Title order={2} fz="lg" id="profile-title">
            {t('web.org.settings.profile.card.title')}
          </Title>
          <TextInput
            label={t('web.org.settings.profile.card.nameLabel')}
            required
            disabled={!mayManage}
            {...form.getInputProps('name')}
          />
          <Textarea
            label={t('web.org.settings.profile.card.descriptionLabel')}
            description={t('web.org.settings.profile.card.descriptionHint')}
            autosize
            minRows={3}
            maxRows={10}
            disabled={!mayManage}
            {...form.getInputProps('description')}
          />
          <TextInput
            label={t('web.org.settings.profile.card.website')}
            type="url"
            placeholder="https://example.com"
            disabled={!mayManage}
            {...form.getInputProps('website')}
          />
          <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" size="sm" fw={500} mb={4}>
              {t('web.org.settings.profile.card.links')}
            </Text>
            {form.values.links.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('web.org.settings.profile.card.noLinks')}
              </Text>
            )}
            {form.values.links.map((_link, index) => (
              <Group key={index} gap="xs" align="flex-start" wrap="wrap">
                <TextInput
                  label={t('web.org.settings.profile.card.linkLabel', { n: index + 1 })}
                  placeholder="Instagram"
                  style={{ flex: '1 1 140px' }}
                  disabled={!mayManage}
                  {...form.getInputProps(`links.${index}.label`)}
                  error={linkError(index, 'label')}
                />
                <TextInput
                  label={t('web.org.settings.profile.card.linkAddress', { n: index + 1 })}
                  placeholder={t('web.org.settings.profile.card.linkAddressPlaceholder')}
                  type="url"
                  style={{ flex: '2 1 220px' }}
                  disabled={!mayManage}
                  {...form.getInputProps(`links.${index}.url`)}
                  error={linkError(index, 'url')}
                />
                {mayManage && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mt={26}
                    aria-label={t('web.org.settings.profile.card.removeLink', { n: index + 1 })}
                    onClick={() => form.removeListItem('links', index)}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {mayManage && (
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                w="fit-content"
                disabled={form.values.links.length >= ORGANIZATION_LINKS_MAX}
                onClick={() => form.insertListItem('links', { label: '', url: '' })}
              >
                {form.values.links.length >= ORGANIZATION_LINKS_MAX
                  ? t('web.org.settings.profile.card.maxLinks', { max: ORGANIZATION_LINKS_MAX })
                  : t('web.org.settings.profile.card.addLink')}
              </Button>
            )}
          </Stack>
          {mayManage && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('web.org.settings.profile.card.submit')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </GlassCard>
  );
}
