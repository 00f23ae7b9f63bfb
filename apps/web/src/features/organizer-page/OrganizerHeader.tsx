import { Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconExternalLink, IconWorld } from '@tabler/icons-react';
import type { OrganizerPage } from '@zevents/contracts';
import { ResponsiveImage } from '../../components/ui/ResponsiveImage';
import { displayHost, isWebUrl } from './external-links';
import classes from './OrganizerPublicPage.module.css';

/** The logo's width at each breakpoint (see .logo), so the browser fetches the smallest fitting file. */
const LOGO_SIZES = '(min-width: 48em) 120px, 88px';

/** The website first, then the organizer's own links; addresses that are not http(s) are left out. */
export function linksOf(page: Pick<OrganizerPage, 'website' | 'links'>) {
  const website =
    page.website && isWebUrl(page.website)
      ? [{ label: displayHost(page.website), url: page.website, isWebsite: true }]
      : [];
  const links = page.links
    .filter((link) => isWebUrl(link.url))
    .map((link) => ({ ...link, isWebsite: false }));
  return [...website, ...links];
}

/** The top of an organizer page: logo, name, what they say about themselves and where to follow them. */
export function OrganizerHeader({ page }: { page: OrganizerPage }) {
  const links = linksOf(page);
  const { t } = useTranslation();
  return (
    <Box component="section" aria-labelledby="organizer-name" className={`ze-glass ${classes.hero}`}>
      <div className={`${classes.header} ${classes.heroContent}`}>
        {page.logo ? (
          // Decorative: the name beside it says whose it is.
          <ResponsiveImage
            image={page.logo}
            sizes={LOGO_SIZES}
            isDecorative
            isEager
            className={classes.logo}
          />
        ) : (
          <div className={classes.monogram} aria-hidden>
            {page.name.trim().charAt(0).toUpperCase()}
          </div>
        )}
        <Stack gap="md" style={{ minWidth: 0, flex: 1 }}>
          <Text component="div" size="xs" fw={700} c="indigo.7" className={classes.eyebrow}>
            {t('web.organizerPage.eyebrow')}
          </Text>
          <Title order={1} id="organizer-name" className={classes.name}>
            {page.name}
          </Title>
          {page.description && (
            // Plain text as typed: React escapes it, pre-wrap keeps its line breaks.
            <Text size="lg" lh={1.6} className={classes.description}>
              {page.description}
            </Text>
          )}
          {links.length > 0 && (
            <Group
              gap="sm"
              component="ul"
              aria-label={t('web.organizerPage.links')}
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
            >
              {links.map((link) => (
                <li key={`${link.label}|${link.url}`}>
                  <Button
                    component="a"
                    href={link.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    variant={link.isWebsite ? 'filled' : 'default'}
                    radius="xl"
                    leftSection={
                      link.isWebsite ? (
                        <IconWorld size={18} aria-hidden />
                      ) : (
                        <IconExternalLink size={16} aria-hidden />
                      )
                    }
                  >
                    {link.label}
                  </Button>
                </li>
              ))}
            </Group>
          )}
        </Stack>
      </div>
    </Box>
  );
}
