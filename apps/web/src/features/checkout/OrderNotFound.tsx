import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';

/** A wrong or incomplete order link (the token is missing or mistyped). */
export function OrderNotFound() {
  const { t } = useTranslation();
  return (
    <Container className={PAGE_CLASS} size="sm" py="xl">
      <GlassCard>
        <Stack align="center" ta="center" gap="md">
          <Title order={1} size="h2">
            {t('web.checkout.notFound.title')}
          </Title>
          <Text c="dimmed" maw={460}>
            {t('web.checkout.notFound.body')}
          </Text>
          <Button component={Link} to="/">
            {t('web.common.browseEvents')}
          </Button>
        </Stack>
      </GlassCard>
    </Container>
  );
}
