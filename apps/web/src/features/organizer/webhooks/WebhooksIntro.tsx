import { Button, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAddressBook,
  IconDoorEnter,
  IconMail,
  IconPlus,
  IconReceiptTax,
  IconWebhook,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../../components/ui/GlassCard';

/** Catalog keys, read when the page renders. */
const USES: Array<{ icon: ReactNode; titleKey: string; textKey: string }> = [
  {
    icon: <IconAddressBook size={16} />,
    titleKey: 'web.org.settings.webhooks.intro.crm',
    textKey: 'web.org.settings.webhooks.intro.crmText',
  },
  {
    icon: <IconMail size={16} />,
    titleKey: 'web.org.settings.webhooks.intro.newsletter',
    textKey: 'web.org.settings.webhooks.intro.newsletterText',
  },
  {
    icon: <IconReceiptTax size={16} />,
    titleKey: 'web.org.settings.webhooks.intro.accounting',
    textKey: 'web.org.settings.webhooks.intro.accountingText',
  },
  {
    icon: <IconDoorEnter size={16} />,
    titleKey: 'web.org.settings.webhooks.intro.door',
    textKey: 'web.org.settings.webhooks.intro.doorText',
  },
];

/** The empty page: what a webhook is, what people use one for, and the button to add the first. */
export function WebhooksIntro({ onAdd }: { onAdd: () => void }) {
  const { t } = useTranslation();
  return (
    <GlassCard p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="md" maw={640}>
        <ThemeIcon size={44} radius="md" variant="light" aria-hidden>
          <IconWebhook size={24} />
        </ThemeIcon>
        <Title order={2} fz="lg">
          {t('web.org.settings.webhooks.intro.title')}
        </Title>
        <Text size="sm">{t('web.org.settings.webhooks.intro.body')}</Text>
        <List spacing="xs" size="sm" center>
          {USES.map((use) => (
            <List.Item
              key={use.titleKey}
              icon={
                <ThemeIcon size={26} radius="xl" variant="light" color="indigo" aria-hidden>
                  {use.icon}
                </ThemeIcon>
              }
            >
              <Text span fw={600} size="sm">
                {t('web.org.settings.webhooks.intro.use', { title: t(use.titleKey) })}
              </Text>{' '}
              {t(use.textKey)}
            </List.Item>
          ))}
        </List>
        <Button leftSection={<IconPlus size={16} />} onClick={onAdd} w="fit-content">
          {t('web.org.settings.webhooks.intro.addFirst')}
        </Button>
      </Stack>
    </GlassCard>
  );
}
