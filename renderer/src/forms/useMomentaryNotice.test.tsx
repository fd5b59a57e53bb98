import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followActions } from '../stores/momentStore';
import { noticeLifetimeMs, useMomentaryNotice } from './useMomentaryNotice';

function Screen() {
  const { notice, show } = useMomentaryNotice<string>();
  return (
    <div>
      <button type="button" onClick={() => show('Password changed.')}>
        Change password
      </button>
      <button type="button" onClick={() => show('The server could not be reached.', { lasts: true })}>
        Fail
      </button>
      <button type="button">Set up the authenticator</button>
      {notice && (
        <div className="notice" role="status">
          {notice}
          <button type="button">Details</button>
        </div>
      )}
    </div>
  );
}

let stop: () => void;
beforeEach(() => {
  stop = followActions(document);
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('a notice belongs to its moment', () => {
  it('goes when the person does the next thing, but not for a press inside the notice itself', async () => {
    const user = userEvent.setup();
    render(<Screen />);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByRole('status')).toHaveTextContent('Password changed.');
    await user.click(screen.getByRole('button', { name: 'Details' }));
    expect(screen.getByRole('status')).toHaveTextContent('Password changed.');
    await user.click(screen.getByRole('button', { name: 'Set up the authenticator' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('goes by itself after a few seconds; an error stays while it is true', async () => {
    vi.useFakeTimers();
    render(<Screen />);
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await act(() => vi.advanceTimersByTime(noticeLifetimeMs - 1));
    expect(screen.getByRole('status')).toHaveTextContent('Password changed.');
    await act(() => vi.advanceTimersByTime(1));
    expect(screen.queryByRole('status')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Fail' }));
    fireEvent.click(screen.getByRole('button', { name: 'Set up the authenticator' }));
    await act(() => vi.advanceTimersByTime(noticeLifetimeMs * 3));
    expect(screen.getByRole('status')).toHaveTextContent('The server could not be reached.');
  });
});
