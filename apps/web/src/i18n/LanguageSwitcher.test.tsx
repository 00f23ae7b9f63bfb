import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { CheckInResultView } from '../features/door/CheckInResultView';
import { ManualCodeForm } from '../features/door/ManualCodeForm';
import { failureResult } from '../features/door/door-result';
import { renderWithProviders } from '../test/render';
import { chooseLanguage, i18n, initialLanguage, LANGUAGE_STORAGE_KEY } from './i18n';
import { LanguageSwitcher } from './LanguageSwitcher';

afterEach(() => {
  chooseLanguage('en');
  window.localStorage.removeItem(LANGUAGE_STORAGE_KEY);
});

describe('LanguageSwitcher', () => {
  it('names each language in itself and switches the page, its lang attribute and later visits', () => {
    renderWithProviders(
      <>
        <LanguageSwitcher />
        <ManualCodeForm onSubmit={() => undefined} pending={false} />
      </>,
    );
    const select = screen.getByRole('combobox', { name: 'Language' });
    expect([...select.querySelectorAll('option')].map((option) => option.textContent)).toEqual([
      'English',
      'Deutsch',
      'Français',
      'Español',
    ]);
    expect(screen.getByLabelText('Ticket code')).toBeInTheDocument();

    fireEvent.change(select, { target: { value: 'de' } });
    expect(screen.getByLabelText('Ticketcode')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Einchecken' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('de');
    expect(initialLanguage()).toBe('de');
  });
});

describe('the door in other languages', () => {
  it.each([
    ['de', 'Ticket nicht gefunden'],
    ['fr', 'Billet introuvable'],
    ['es', 'Entrada no encontrada'],
  ] as const)('%s: a refused scan reads in that language', (language, title) => {
    chooseLanguage(language);
    const error = new ApiError(404, { status: 404, code: 'TICKET_NOT_FOUND', title: 'x', detail: 'x' });
    renderWithProviders(<CheckInResultView result={failureResult(error, 'Europe/Berlin', 'ABCD-1234')} />);
    expect(screen.getByText(title)).toBeInTheDocument();
    expect(i18n.language).toBe(language);
  });
});
