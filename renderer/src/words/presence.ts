import type { StatusType } from '../../../shared/profileEdits';

/**
 * One name per presence status, on every screen (the picker, the editor, a profile, the
 * directory). "Offline" is what others see; the app's own connection to a server is never
 * called offline (it "can't reach" a server), so the two are not confused.
 */
export const presenceWords: Record<StatusType, string> = { online: 'Online', away: 'Away', busy: 'Busy', offline: 'Offline' };

/** The name of a status as a server sends it; an unknown one is shown capitalised as it came. */
export function presenceName(status: string | null | undefined): string | null {
  if (!status) return null;
  return (presenceWords as Record<string, string>)[status] ?? status[0]!.toUpperCase() + status.slice(1);
}
