/** Codes nodeFetch gives the failures only it can tell apart; networkFailureKinds.ts turns them into words. */
export const transportCodes = {
  proxyUnreachable: 'AM_PROXY_UNREACHABLE',
  proxyRefused: 'AM_PROXY_REFUSED',
  proxyAuthRequired: 'AM_PROXY_AUTH_REQUIRED',
  proxyUntrusted: 'AM_PROXY_UNTRUSTED',
} as const;

export type TransportCode = (typeof transportCodes)[keyof typeof transportCodes];
