/**
 * The browser host's socket closed under an open tab: the app stopped or was started again.
 * The screen stays as it was (text typed into a form is not thrown away), under a banner
 * saying that nothing on it is current any more and how to get back.
 */
export function HostLostBanner() {
  return (
    <p className="notice error host-lost" role="alert" data-testid="host-lost">
      <strong>This tab lost its connection to Account Manager: the app stopped or was started again.</strong> What it shows is no longer
      updated, and changes made here cannot be saved. Start the app if it is not running, then open the address it prints; your accounts and
      everything saved stay with the app.
    </p>
  );
}
