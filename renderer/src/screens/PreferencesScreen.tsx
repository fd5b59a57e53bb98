import { useEffect, useState } from 'react';
import { checkPreference, preferenceGroups, preferenceSpecs, type PreferenceKey, type PreferenceValue } from '../../../shared/preferences';
import { BusyButton } from '../components/BusyButton';
import { Notice } from '../components/Notice';
import { PreferenceControl } from '../components/PreferenceControl';
import { ScreenHeading } from '../components/ScreenHeading';
import { usePreferences } from '../stores/preferencesStore';

type Draft = Partial<Record<PreferenceKey, PreferenceValue>>;

/**
 * The account's preferences: language, notifications, presence, messages. Shown from the
 * core's cache (readable offline); Save queues the changed ones in the outbox, and each shows
 * its mark until the server has it. The core checks again and decides what is sent.
 */
export function PreferencesScreen({ accountId }: { accountId: string }) {
  const view = usePreferences((state) => state.views[accountId]) ?? null;
  const problem = usePreferences((state) => state.problems[accountId]) ?? null;
  const { load, follow, edit } = usePreferences();
  const [draft, setDraft] = useState<Draft>({});
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void load(accountId);
    return follow(accountId);
  }, [accountId, load, follow]);

  const shown = (key: PreferenceKey): PreferenceValue | undefined => {
    if (key in draft) return draft[key];
    const waiting = view?.waiting[key];
    if (waiting && waiting.value !== null) return waiting.value as PreferenceValue;
    return view?.preferences[key] as PreferenceValue | undefined;
  };
  const changed = Object.keys(draft).length > 0;
  const problems = Object.fromEntries(
    Object.entries(draft).flatMap(([key, value]) => {
      const said = checkPreference(key as PreferenceKey, value);
      return said ? [[key, said]] : [];
    }),
  ) as Record<string, string>;

  const save = async () => {
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setRefused(null);
    const result = await edit({ accountId, changes: draft });
    setBusy(false);
    if (result.ok) setDraft({});
    else setRefused({ message: result.error.message, fields: result.error.fields ?? {} });
  };

  return (
    <section aria-labelledby="preferences-title" className="screen">
      <ScreenHeading id="preferences-title">Preferences</ScreenHeading>
      {view && (
        <p className="hint" data-testid="preferences-account">
          For {view.accountLabel}.{' '}
          {view.fetchedAt ? `As the server had them on ${new Date(view.fetchedAt).toLocaleString()}.` : 'Not read from the server yet.'}
        </p>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
      {view?.refreshError && (
        <Notice tone="warning" testId="preferences-stale">
          {view.fetchedAt ? `Showing what was saved on this computer. ${view.refreshError}` : view.refreshError}
        </Notice>
      )}
      {view && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            // How it went shows on the screen; a submit handler has nobody to hand the promise to.
            void save();
          }}
        >
          {preferenceGroups.map((group) => (
            <fieldset key={group} className="card">
              <legend className="section-title">{group}</legend>
              {preferenceSpecs
                .filter((spec) => spec.group === group)
                .map((spec) => (
                  <PreferenceControl
                    key={spec.key}
                    spec={spec}
                    value={shown(spec.key)}
                    waiting={spec.key in draft ? undefined : view.waiting[spec.key]}
                    problem={problems[spec.key] ?? refused?.fields[spec.key]}
                    disabled={busy || view.fetchedAt === null}
                    onChange={(value) => setDraft({ ...draft, [spec.key]: value })}
                  />
                ))}
            </fieldset>
          ))}
          {refused && <Notice tone="error">{refused.message}</Notice>}
          <div className="actions">
            <BusyButton type="submit" busy={busy} busyLabel="Saving…" disabled={!changed || Object.keys(problems).length > 0}>
              Save preferences
            </BusyButton>
            <button type="button" disabled={!changed || busy} onClick={() => setDraft({})}>
              Undo changes
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
