import { Avatar, Badge, Group, Menu, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '../lib/roles';
import { CreateOrganizationForm } from '../organizations/CreateOrganizationForm';
import { useCurrentOrganization } from './current-organization';

/** Which organization the pages show; the choice is remembered on this device. */
export function OrganizationSwitcher() {
  const { t } = useTranslation();
  const { organization, organizations, selectOrganization } = useCurrentOrganization();
  const [creating, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();

  const switchTo = (id: string) => {
    selectOrganization(id);
    void navigate('/organizer');
  };

  return (
    <>
      <Menu width="target" position="bottom-start" shadow="md" radius="lg">
        <Menu.Target>
          <UnstyledButton
            aria-label={t('web.org.core.layout.switcherLabel', { name: organization.name })}
            p="xs"
            w="100%"
            style={{
              borderRadius: 'var(--mantine-radius-lg)',
              border: '1px solid var(--mantine-color-default-border)',
              background: 'var(--mantine-color-body)',
            }}
          >
            <Group gap="sm" wrap="nowrap">
              <Avatar radius="md" size={32} color="indigo" variant="light" name={organization.name} />
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" fw={600} truncate="end">
                  {organization.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {ROLE_LABELS[organization.role]}
                </Text>
              </Stack>
              <IconSelector size={16} aria-hidden color="var(--mantine-color-dimmed)" />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('web.org.core.layout.yourOrganizations')}</Menu.Label>
          {organizations.map((org) => (
            <Menu.Item
              key={org.id}
              onClick={() => switchTo(org.id)}
              leftSection={<Avatar radius="sm" size={22} color="indigo" variant="light" name={org.name} />}
              rightSection={
                org.id === organization.id ? (
                  <IconCheck size={16} aria-label={t('web.org.core.layout.current')} />
                ) : (
                  <Badge size="xs" variant="light" color="gray">
                    {ROLE_LABELS[org.role]}
                  </Badge>
                )
              }
            >
              {org.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={open}>
            {t('web.org.core.layout.newOrganization')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={creating}
        onClose={close}
        title={t('web.org.core.layout.newOrganization')}
        centered
        radius="xl"
      >
        <CreateOrganizationForm
          onCreated={(org) => {
            close();
            switchTo(org.id);
          }}
        />
      </Modal>
    </>
  );
}
