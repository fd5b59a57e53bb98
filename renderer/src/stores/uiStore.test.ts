import { describe, expect, it } from 'vitest';
import { createUiStore } from './uiStore';

describe('ui store', () => {
  it('asks before leaving unsaved changes, and carries out the move only when agreed', () => {
    const store = createUiStore();
    store.getState().show('people');
    expect(store.getState().screen).toBe('people');
    store.getState().setUnsaved(true);
    store.getState().show('activity');
    expect(store.getState().screen).toBe('people');
    store.getState().cancelLeave();
    expect(store.getState()).toMatchObject({ screen: 'people', leaving: null, unsaved: true });
    store.getState().show('activity');
    store.getState().confirmLeave();
    expect(store.getState()).toMatchObject({ screen: 'activity', leaving: null, unsaved: false });
  });

  it('asks the new screen’s heading to take focus on every move, and not at start', () => {
    const store = createUiStore();
    expect(store.getState().headingFocus).toBe(0);
    store.getState().show('people');
    store.getState().startSignIn({ serverId: 's', serverName: 'S', serverUrl: 'https://s' });
    store.getState().focusHeading();
    expect(store.getState().headingFocus).toBe(3);
    store.getState().setUnsaved(true);
    store.getState().show('about');
    expect(store.getState().headingFocus).toBe(3);
    store.getState().confirmLeave();
    expect(store.getState()).toMatchObject({ screen: 'about', headingFocus: 4 });
  });
});
