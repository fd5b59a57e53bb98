import { useAccountLabel } from '../stores/useAccountLabel';

/** The line under a screen's heading that says whose account the screen reads and changes. */
export function ScreenAccount({ accountId }: { accountId: string }) {
  const label = useAccountLabel(accountId);
  return (
    <p className="screen-account" data-testid="screen-account">
      For <strong>{label}</strong>
    </p>
  );
}
