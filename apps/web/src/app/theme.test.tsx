import { Badge, MantineProvider, mergeMantineTheme, DEFAULT_THEME, Notification } from '@mantine/core';
import { DatePickerInput, DateTimePicker } from '@mantine/dates';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { TicketTypeForm } from '../features/organizer/editor/TicketTypeForm';
import { contrastRatio } from './contrast';
import { accessibleVariantColors, theme } from './theme';

/** The theme as MantineProvider sees it: Mantine's palettes with ours merged in. */
const mergedTheme = mergeMantineTheme(DEFAULT_THEME, theme);

/**
 * The app's theme in Mantine's test environment: without it the popover's opening transition
 * leaves the dropdown `display: none` in jsdom, so nothing inside it is accessible.
 */
function renderWithTheme(ui: ReactElement) {
  return render(
    <MantineProvider theme={theme} env="test">
      {ui}
    </MantineProvider>,
  );
}

/** Every icon-only control of an open picker dropdown has a name (a bare "button" helps nobody). */
function expectNamedControls(): void {
  for (const button of screen.getAllByRole('button')) expect(button).toHaveAccessibleName();
}

describe('date pickers get accessible names from the theme', { timeout: 20_000 }, () => {
  it('names the month, year and decade arrows of a DateTimePicker, and its time fields', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithTheme(<DateTimePicker label="Starts" defaultDate="2027-03-01" />);
    await user.click(screen.getByRole('button', { name: 'Starts' }));
    expect(await screen.findByRole('button', { name: 'Previous month' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next month' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Hours' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Minutes' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Confirm date and time' })).toBeInTheDocument();
    expectNamedControls();

    // The level control keeps its visible text ("March 2027") as its name.
    await user.click(screen.getByRole('button', { name: 'March 2027' }));
    expect(await screen.findByRole('button', { name: 'Previous year' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next year' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '2027' }));
    expect(await screen.findByRole('button', { name: 'Previous decade' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next decade' })).toBeInTheDocument();
  });

  it('names the arrows of a range DatePickerInput (the catalogue filter)', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithTheme(<DatePickerInput type="range" label="Dates" defaultDate="2027-03-01" />);
    await user.click(screen.getByRole('button', { name: 'Dates' }));
    expect(await screen.findByRole('button', { name: 'Previous month' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next month' })).toBeInTheDocument();
    expectNamedControls();
  });

  it('reaches the pickers of the event editor', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithTheme(<TicketTypeForm currency="EUR" timeZone="Europe/Paris" onSubmit={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: /Sales start/ }));
    expect(await screen.findByRole('button', { name: 'Previous month' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next month' })).toBeInTheDocument();
  });
});

describe('notifications get an accessible close button from the theme', () => {
  it('names the ✕ of every toast', () => {
    renderWithTheme(<Notification onClose={() => undefined}>Saved</Notification>);
    expect(screen.getByRole('button', { name: 'Close notification' })).toBeInTheDocument();
  });
});

describe('filled colours keep white text at WCAG AA contrast', () => {
  /** A CSS colour variable of the theme as the hex it stands for (`-filled` is shade 6). */
  function hexOf(variable: string): string {
    if (variable === 'var(--mantine-color-white)') return mergedTheme.white;
    if (variable === 'var(--mantine-color-black)') return mergedTheme.black;
    const shade = /^var\(--mantine-color-([a-z]+)-(\d|filled)\)$/.exec(variable);
    if (!shade?.[1] || !shade[2]) throw new Error(`unexpected colour ${variable}`);
    return mergedTheme.colors[shade[1]]?.[shade[2] === 'filled' ? 6 : Number(shade[2])] ?? '';
  }

  it.each(['red', 'teal', 'green', 'orange', 'yellow', 'indigo', 'gray', 'blue'])(
    'text on filled %s reaches 4.5:1',
    (color) => {
      const look = accessibleVariantColors({ color, theme: mergedTheme, variant: 'filled' });
      expect(contrastRatio(hexOf(look.background), hexOf(look.color))).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('paints the red "Refunded" badge with the darker shade (white on red.6 was 3.3:1)', () => {
    renderWithTheme(<Badge color="red">Refunded</Badge>);
    const badge = screen.getByText('Refunded').closest('.mantine-Badge-root');
    expect(badge?.getAttribute('style')).toContain('--badge-bg: var(--mantine-color-red-8)');
    expect(contrastRatio(mergedTheme.colors.red[6], '#ffffff')).toBeLessThan(4.5);
  });

  it('leaves indigo, explicit shades and other variants as Mantine draws them', () => {
    const resolve = (color: string, variant: string) =>
      accessibleVariantColors({ color, theme: mergedTheme, variant });
    expect(resolve('indigo', 'filled').background).toBe('var(--mantine-color-indigo-filled)');
    expect(resolve('red.6', 'filled').background).toBe('var(--mantine-color-red-6)');
    expect(resolve('red', 'light').background).toBe('var(--mantine-color-red-light)');
  });
});
