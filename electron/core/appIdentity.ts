/** The app id: electron-builder's appId and the keychain service name. */
export const appId = 'dev.accountmanager.desktop';
export const productName = 'Account Manager';
