import { create } from 'zustand';
import type { DeviceSessionsView } from '../../../shared/deviceSessionSchemas';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';
import { accountViews, type AccountViews } from './accountViews';

interface DeviceSessionsState extends AccountViews<DeviceSessionsView> {
  /** Signs one device out; the answer is in words. */
  signOutSession(request: ChannelRequest<'security.signOutSession'>): Promise<ChannelResult<'security.signOutSession'>>;
}

/** The account's signed-in devices where the server lists them: online only, nothing kept. */
export function createDeviceSessionsStore(api: ApiSource) {
  return create<DeviceSessionsState>((set, get) => ({
    ...accountViews((accountId) => api()['security.deviceSessions']({ accountId }), set, get),
    signOutSession: (request) => api()['security.signOutSession'](request),
  }));
}

export const useDeviceSessions = createDeviceSessionsStore(getApi);
