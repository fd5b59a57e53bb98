import { beforeEach, describe, expect, it } from 'vitest';
import { app } from '../../tests/mocks/electron';
import { receiveAppLinks } from './appLinks';

describe('receiveAppLinks', () => {
  beforeEach(() => {
    app.removeAllListeners();
    app.schemeHandlers.clear();
  });

  it('claims rocketchat:// and hands every link to the core: at start, from macOS, from a second instance', () => {
    const delivered: string[] = [];
    receiveAppLinks(app as never, ['/opt/app/account-manager', 'rocketchat://auth?type=oauth&x=1'], (link) => delivered.push(link));
    expect(app.isDefaultProtocolClient('rocketchat')).toBe(true);
    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, 'rocketchat://auth?type=oauth&x=2');
    app.emit('second-instance', {}, ['/opt/app/account-manager', '--flag', 'rocketchat://auth?type=oauth&x=3']);
    app.emit('second-instance', {}, ['/opt/app/account-manager']); // a plain second start carries no link
    expect(prevented).toBe(true);
    expect(delivered).toEqual(['rocketchat://auth?type=oauth&x=1', 'rocketchat://auth?type=oauth&x=2', 'rocketchat://auth?type=oauth&x=3']);
  });
});
