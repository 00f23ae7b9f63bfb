import { Alert, Anchor, Button, Group, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { AccessCodeString, type PublicEvent } from '@zevents/contracts';
import { useState } from 'react';

interface AccessCodePanelProps {
  event: PublicEvent;
  /** Tries a code (it becomes the page's `?code=`); an empty string drops it. */
  onApply: (code: string) => void;
  isChecking: boolean;
}

/**
 * Hidden tickets (guest lists, sponsors, presales) behind an access code: says what the code in the
 * link unlocked, and lets a buyer type one. Collapsed to a link until asked for.
 */
export function AccessCodePanel({ event, onApply, isChecking }: AccessCodePanelProps) {
  const applied = event.accessCode;
  const [isOpen, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const unlocked = event.ticketTypes.filter((type) => type.hidden).length;

  function apply() {
    const code = draft.trim();
    if (!AccessCodeString.safeParse(code).success) {
      setError('Codes are 2–40 letters, digits, dashes or underscores');
      return;
    }
    setError(null);
    onApply(code);
    setOpen(false);
  }

  return (
    <>
      {applied?.accepted && (
        <Alert color="teal" variant="light" icon={<IconKey aria-hidden />} title="Code applied">
          {applied.code} unlocked {unlocked} {unlocked === 1 ? 'ticket type' : 'ticket types'} just for you.
        </Alert>
      )}
      {applied && !applied.accepted && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconKey aria-hidden />}
          title="Code not recognised"
          role="status"
        >
          The code {applied.code} does not unlock any tickets for this event. Check it and try again.
        </Alert>
      )}
      {isOpen ? (
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <TextInput
            label="Access code"
            autoComplete="off"
            autoCapitalize="characters"
            style={{ flex: 1 }}
            value={draft}
            error={error}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                apply();
              }
            }}
          />
          <Button mt={25} variant="light" onClick={apply} loading={isChecking}>
            Apply
          </Button>
        </Group>
      ) : (
        <Anchor component="button" type="button" size="sm" onClick={() => setOpen(true)}>
          {applied?.accepted ? 'Use another access code' : 'Have an access code?'}
        </Anchor>
      )}
    </>
  );
}
