import { MantineProvider, Notification } from '@mantine/core';
import { DatePickerInput, DateTimePicker } from '@mantine/dates';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { TicketTypeForm } from '../features/organizer/editor/TicketTypeForm';
import { theme } from './theme';

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
