import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GlassCard } from '../components/ui/GlassCard';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <GlassCard>
        <Stack align="center" ta="center">
          <Title order={2}>{t('web.notFound.title')}</Title>
          <Text c="dimmed">{t('web.notFound.body')}</Text>
          <Button component={Link} to="/">
            {t('web.common.browseEvents')}
          </Button>
        </Stack>
      </GlassCard>
    </Container>
  );
}
