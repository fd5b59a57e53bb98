import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

let fake: FakeApi;

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('servers.list', []);
});

describe('the server address', () => {
  it('offers the address meant by "htp://", and a press puts it in the field', async () => {
    const { AddServerScreen } = await import('./AddServerScreen');
    render(<AddServerScreen />);
    const user = userEvent.setup();
    const field = screen.getByLabelText('Server address');
    await user.type(field, 'htp://chat.example.com');
    await user.tab();
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Did you mean https://chat.example.com?'));
    await user.click(screen.getByRole('button', { name: 'Use https://chat.example.com' }));
    expect(field).toHaveValue('https://chat.example.com');
    expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(field).toHaveFocus());
    expect(screen.queryByRole('button', { name: /^Use / })).toBeNull();
  });
});
