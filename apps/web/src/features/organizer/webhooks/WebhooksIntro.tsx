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
import { GlassCard } from '../../../components/ui/GlassCard';

const USES: Array<{ icon: ReactNode; title: string; text: string }> = [
  {
    icon: <IconAddressBook size={16} />,
    title: 'CRM',
    text: 'add every buyer as a contact when an order is paid',
  },
  {
    icon: <IconMail size={16} />,
    title: 'Newsletter',
    text: 'put attendees on the mailing list of the event',
  },
  {
    icon: <IconReceiptTax size={16} />,
    title: 'Accounting',
    text: 'book each payment and refund the moment it happens',
  },
  {
    icon: <IconDoorEnter size={16} />,
    title: 'Door hardware',
    text: 'open a turnstile or greet a guest on screen at each check-in',
  },
];

/** The empty page: what a webhook is, what people use one for, and the button to add the first. */
export function WebhooksIntro({ onAdd }: { onAdd: () => void }) {
  return (
    <GlassCard p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="md" maw={640}>
        <ThemeIcon size={44} radius="md" variant="light" aria-hidden>
          <IconWebhook size={24} />
        </ThemeIcon>
        <Title order={2} fz="lg">
          No webhooks yet
        </Title>
        <Text size="sm">
          A webhook tells another system the moment something happens here: Z-Events sends a signed POST to
          its address when an order is paid or refunded, a ticket is checked in or transferred, or an event
          changes. Your tools stay in step without anyone exporting a CSV.
        </Text>
        <List spacing="xs" size="sm" center>
          {USES.map((use) => (
            <List.Item
              key={use.title}
              icon={
                <ThemeIcon size={26} radius="xl" variant="light" color="indigo" aria-hidden>
                  {use.icon}
                </ThemeIcon>
              }
            >
              <Text span fw={600} size="sm">
                {use.title}:
              </Text>{' '}
              {use.text}
            </List.Item>
          ))}
        </List>
        <Button leftSection={<IconPlus size={16} />} onClick={onAdd} w="fit-content">
          Add your first webhook
        </Button>
      </Stack>
    </GlassCard>
  );
}
