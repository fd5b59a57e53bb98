import type { BrowserWindow as ElectronWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, Notification } from '../../tests/mocks/electron';
import { CoreEvents } from '../core/coreEvents';
import type { Core } from '../core/createCore';
import { notifyWhenHidden } from './notifications';

const attention = { accountId: 'a1', kind: 'conflict' as const, message: 'Bio was changed on the server too.' };

describe('notifications', () => {
  let events: CoreEvents;
  let window: BrowserWindow;
  let send: ReturnType<typeof vi.fn<(command: string) => void>>;
  beforeEach(() => {
    Notification.reset();
    events = new CoreEvents();
    window = new BrowserWindow({ show: false });
    send = vi.fn<(command: string) => void>();
    notifyWhenHidden({ events } as unknown as Core, () => window as unknown as ElectronWindow, send);
  });

  it('say what needs the person only while the window is hidden or in the background', () => {
    window.visible = true;
    window.focused = true;
    events.emit('sync.attention', attention);
    expect(Notification.shown).toEqual([]);
    window.visible = false;
    events.emit('sync.attention', attention);
    expect(Notification.shown).toEqual([{ title: 'Account Manager', body: 'Bio was changed on the server too.' }]);
    events.emit('session.ended', { accountId: 'a1', message: 'Your session on chat.example.com has ended.' });
    expect(Notification.shown.at(-1)).toEqual({ title: 'Account Manager', body: 'Your session on chat.example.com has ended.' });
  });

  it('are held until clicked: a click after the garbage collector ran still opens the right screen', async () => {
    events.emit('sync.attention', attention);
    await Notification.collect();
    expect(Notification.clickLatest()).toBe(true);
    expect(send).toHaveBeenCalledWith('activity');
    expect(window.isVisible()).toBe(true);
    // Clicked, it is let go: nothing keeps notifications the person is done with.
    await Notification.collect();
    expect(Notification.clickLatest()).toBe(false);
  });

  it('are let go once the person dismisses them', async () => {
    events.emit('session.ended', { accountId: 'a1', message: 'Your session on chat.example.com has ended.' });
    Notification.closeLatest();
    await Notification.collect();
    expect(Notification.clickLatest()).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });
});
