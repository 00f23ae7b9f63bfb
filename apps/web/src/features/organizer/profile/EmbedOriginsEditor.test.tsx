import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { embedSnippet, originProblem } from './embed-origins';
import { EmbedOriginsEditor } from './EmbedOriginsEditor';

function Harness({ initial }: { initial: string[] }) {
  const [origins, setOrigins] = useState(initial);
  return <EmbedOriginsEditor origins={origins} onChange={setOrigins} />;
}

function renderEditor(initial: string[] = []) {
  renderWithProviders(<Harness initial={initial} />);
  return userEvent.setup({ delay: null });
}

const field = () => screen.getByRole('textbox', { name: /Add a website/ });

describe('EmbedOriginsEditor', { timeout: 20_000 }, () => {
  it('adds an origin lower-cased, without a trailing slash, and removes it again', async () => {
    const user = renderEditor();
    await user.type(field(), 'HTTPS://Shop.Example.com/');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('list', { name: 'Allowed websites' })).toHaveTextContent(
      'https://shop.example.com',
    );
    expect(field()).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Remove https://shop.example.com' }));
    expect(screen.queryByRole('list', { name: 'Allowed websites' })).toBeNull();
  });

  it('says why an entry cannot be added, and adds with Enter once it can', async () => {
    const user = renderEditor(['https://shop.example.com']);
    const cases: Array<[string, RegExp]> = [
      ['shop.example.com', /Start with https:\/\//],
      ['https://shop.example.com/tickets', /Only the origin: no path/],
      ['https://bad host.example', /Not a website origin/],
      ['https://SHOP.example.com', /Already in the list/],
    ];
    for (const [input, message] of cases) {
      await user.clear(field());
      await user.type(field(), `${input}{Enter}`);
      expect(screen.getByText(message)).toBeInTheDocument();
      expect(field()).toHaveAttribute('aria-invalid', 'true');
    }
    // Typing clears the complaint.
    await user.type(field(), 'x');
    expect(field()).not.toHaveAttribute('aria-invalid', 'true');
    await user.clear(field());
    await user.type(field(), 'http://localhost:5173{Enter}');
    expect(screen.getByRole('list', { name: 'Allowed websites' })).toHaveTextContent('http://localhost:5173');
  });

  it('stops at 20 websites', () => {
    const many = Array.from({ length: 20 }, (_, n) => `https://s${n}.example.com`);
    expect(originProblem('https://one-more.example.com', many)).toMatch(/Up to 20/);
    expect(originProblem('', [])).toMatch(/Enter a website address/);
    expect(originProblem('https://*.example.com', [])).toBeNull();
  });
});

describe('embedSnippet', () => {
  it('names the script on the platform and the event, inline only when asked', () => {
    expect(embedSnippet('https://tickets.example', 'jazz-night', 'button')).toBe(
      '<script src="https://tickets.example/embed.js" data-event="jazz-night" async></script>',
    );
    expect(embedSnippet('https://tickets.example', 'jazz-night', 'inline')).toContain('data-mode="inline"');
  });
});
