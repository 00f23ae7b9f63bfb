import { ActionIcon, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeOrigin, originProblem } from './embed-origins';

/**
 * The websites allowed to show the checkout in a frame: a list with remove buttons and a field
 * that adds one origin at a time, saying why when it cannot.
 */
export function EmbedOriginsEditor({
  origins,
  onChange,
  disabled = false,
}: {
  origins: readonly string[];
  onChange: (origins: string[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    const found = originProblem(draft, origins);
    setProblem(found);
    if (found) return;
    onChange([...origins, normalizeOrigin(draft)]);
    setDraft('');
  };

  return (
    <Stack gap="sm">
      {origins.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('web.org.settings.profile.origins.none')}
        </Text>
      ) : (
        <List
          spacing={6}
          listStyleType="none"
          aria-label={t('web.org.settings.profile.origins.list')}
          ml={0}
          pl={0}
        >
          {origins.map((origin) => (
            <List.Item key={origin}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {origin}
                </Text>
                {!disabled && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('web.org.settings.profile.origins.remove', { origin })}
                    onClick={() => onChange(origins.filter((candidate) => candidate !== origin))}
                  >
                    <IconX size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {!disabled && (
        <TextInput
          label={t('web.org.settings.profile.origins.add')}
          description={t('web.org.settings.profile.origins.addDescription')}
          placeholder="https://www.example.com"
          value={draft}
          error={problem}
          // The button sits beside the field itself, under its label and above its error, at every width.
          inputContainer={(input) => (
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <div style={{ flex: 1, minWidth: 0 }}>{input}</div>
              <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={add}>
                {t('web.org.settings.profile.origins.addButton')}
              </Button>
            </Group>
          )}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            if (problem) setProblem(null);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            add();
          }}
        />
      )}
    </Stack>
  );
}
