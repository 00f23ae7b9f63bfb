import { Badge, Group } from '@mantine/core';
import type { TaxRate } from '@zevents/contracts';

/** Active or retired, and whether orders were priced with it (then its percentage is fixed). */
export function TaxRateStatus({ rate }: { rate: TaxRate }) {
  return (
    <Group gap={6} wrap="wrap">
      {rate.retiredAt ? (
        <Badge variant="light" color="gray" radius="sm">
          Retired
        </Badge>
      ) : (
        <Badge variant="light" color="teal" radius="sm">
          Active
        </Badge>
      )}
      {rate.inUse && (
        <Badge variant="outline" color="indigo" radius="sm">
          In use
        </Badge>
      )}
    </Group>
  );
}
