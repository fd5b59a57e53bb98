import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../shared/accountSchemas';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const account = (id: string, username: string, displayName: string | null): AccountSummary => ({
  id,
  serverId: 's',
  serverUrl: 'https://chat.example.com',
  serverName: 'Example Chat',
  userId: `u-${id}`,
  username,
  displayName,
  state: 'signed-in',
  signedInWith: 'password',
  active: id === 'a',
});

async function accounts(list: AccountSummary[]) {
  const { useAccounts } = await import('../stores/accountsStore');
  act(() => useAccounts.setState({ accounts: list }));
}

beforeEach(() => {
  freshWindow();
});

describe('screens and dialogs name the account they act on', () => {
  it('says whose account a screen is about, and follows a new name from the account list', async () => {
    await accounts([account('a', 'demouser', null), account('b', 'test.john', 'Test John')]);
    const { ScreenAccount } = await import('./ScreenAccount');
    render(<ScreenAccount accountId="b" />);
    expect(screen.getByTestId('screen-account')).toHaveTextContent('For Test John (test.john) on Example Chat');
    await accounts([account('a', 'demouser', null), account('b', 'test.john', 'John Test')]);
    expect(screen.getByTestId('screen-account')).toHaveTextContent('For John Test (test.john) on Example Chat');
  });

  it('the proof dialog says which account the second factor confirms a change for', async () => {
    await accounts([account('a', 'demouser', 'Demo Üser'), account('b', 'roxie', null)]);
    const { ProofDialog } = await import('./ProofDialog');
    render(
      <ProofDialog accountId="b" method="totp" open busy={false} error={null} onSubmit={() => undefined} onCancel={() => undefined} />,
    );
    expect(screen.getByTestId('proof-account')).toHaveTextContent('For roxie on Example Chat.');
  });
});
