import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Radio,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { CreateApiKeyBody, type ApiKeyCreated, type ApiKeyScope } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { useCreateApiKey } from '../mutations/useTeamMutations';
import { ApiKeysList } from './ApiKeysList';
import { ACCESS_CHOICES, scopeBadges } from './api-key-rules';

/** Keys for integrations. The server keeps only a hash, so a key is shown once, right here. */
export function ApiKeysSection({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const create = useCreateApiKey(organizationId);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ name: string; access: ApiKeyScope }>({
    // Full access is what a key meant before scopes; a door scanner should pick "Check-in scanner".
    initialValues: { name: '', access: 'write' },
    validate: schemaValidator<{ name: string; access: ApiKeyScope }>(CreateApiKeyBody, {
      toBody: (values) => ({ name: values.name, scopes: [values.access] }),
      messages: { name: t('web.org.settings.team.keys.nameRequired') },
    }),
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    create.mutate(
      { name: values.name.trim(), scopes: [values.access] },
      {
        onSuccess: (key) => {
          setCreated(key);
          form.reset();
        },
        onError: (error) => setFormError(applyFormErrors(form, error)),
      },
    );
  });

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('web.org.settings.team.keys.authIntro')} <Code>Authorization: Bearer &lt;key&gt;</Code>.{' '}
        {t('web.org.settings.team.keys.docsBefore')}{' '}
        <a href="/api/docs">{t('web.org.settings.team.keys.docsLink')}</a>.
      </Text>
      <ApiKeysList organizationId={organizationId} />
      {created && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconKey size={18} />}
          title={t('web.org.settings.team.keys.createdTitle', { name: created.name })}
        >
          <Stack gap="xs">
            <Text size="sm">
              {t('web.org.settings.team.keys.copyNow', {
                access: scopeBadges(created.scopes)
                  .map((badge) => badge.label)
                  .join(', '),
              })}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code
                block
                style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
                aria-label={t('web.org.settings.team.keys.newKey')}
              >
                {created.key}
              </Code>
              <CopyButton value={created.key} timeout={2000}>
                {({ copied, copy }) => (
                  <Tooltip
                    label={
                      copied ? t('web.org.settings.team.keys.copied') : t('web.org.settings.team.keys.copy')
                    }
                  >
                    <ActionIcon
                      color={copied ? 'teal' : 'gray'}
                      variant="light"
                      size="lg"
                      onClick={copy}
                      aria-label={
                        copied
                          ? t('web.org.settings.team.keys.copied')
                          : t('web.org.settings.team.keys.copyKey')
                      }
                    >
                      {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              onClick={() => setCreated(null)}
              w="fit-content"
            >
              {t('web.org.settings.team.keys.hide')}
            </Button>
          </Stack>
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label={t('web.org.settings.team.keys.form')}>
        <Stack gap="sm">
          <TextInput
            label={t('web.org.settings.team.keys.name')}
            placeholder={t('web.org.settings.team.keys.namePlaceholder')}
            {...form.getInputProps('name')}
          />
          <Radio.Group
            label={t('web.org.settings.team.keys.access')}
            description={t('web.org.settings.team.keys.accessDescription')}
            {...form.getInputProps('access')}
          >
            <Stack gap="xs" mt="xs">
              {ACCESS_CHOICES.map((choice) => (
                <Radio
                  key={choice.scope}
                  value={choice.scope}
                  label={t(choice.labelKey)}
                  description={t(choice.descriptionKey)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Group justify="flex-end">
            <Button
              type="submit"
              variant="light"
              leftSection={<IconKey size={16} />}
              loading={create.isPending}
            >
              {t('web.org.settings.team.keys.create')}
            </Button>
          </Group>
          {formError && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {formError}
            </Alert>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
