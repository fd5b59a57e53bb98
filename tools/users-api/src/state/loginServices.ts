// The configured login services (Rocket.Chat's meteor_accounts_loginServiceConfiguration)
// and their GET /api/v1/settings.oauth view (app/api/server/v1/settings.ts). The CAS entry
// comes from the CAS_* settings, as updateCasService.ts writes it. docs/sign-in.md.
import type { App } from '../app';
import { expandRootUrl } from './publicSettings';
import type { LoginService } from './types';

/** Services shown in full, as settings.oauth does for custom OAuth, SAML, CAS and WordPress. */
const SHOWN_IN_FULL = new Set(['saml', 'cas', 'wordpress']);

function casService(app: App): LoginService | undefined {
  const s = app.settings;
  if (!s.CAS_enabled) return undefined;
  return {
    _id: 'casLoginService01',
    service: 'cas',
    enabled: true,
    base_url: s.CAS_base_url,
    login_url: s.CAS_login_url,
    buttonLabelText: s.CAS_button_label_text,
    buttonLabelColor: s.CAS_button_label_color,
    buttonColor: s.CAS_button_color,
    width: s.CAS_popup_width,
    height: s.CAS_popup_height,
    autoclose: s.CAS_autoclose,
  };
}

/** Every configured service with `{ROOT_URL}` expanded (the demo IdP lives on this server). */
export function loginServices(app: App): LoginService[] {
  const cas = casService(app);
  return expandRootUrl(app, [...app.loginServices, ...(cas ? [cas] : [])]);
}

export function findLoginService(app: App, name: string): LoginService | undefined {
  return loginServices(app).find((s) => s.service === name);
}

/** The custom OAuth service that `/_oauth/<name>` serves (not SAML or CAS). */
export function findOAuthService(app: App, name: string): LoginService | undefined {
  const service = findLoginService(app, name);
  return service && service.service !== 'saml' && service.service !== 'cas' ? service : undefined;
}

/** The SAML service whose `clientConfig.provider` is `provider`. */
export function findSamlProvider(app: App, provider: string): LoginService | undefined {
  return loginServices(app).find(
    (s) => s.service === 'saml' && (s.clientConfig as { provider?: unknown } | undefined)?.provider === provider,
  );
}

export function oauthView(service: LoginService): Record<string, unknown> {
  const { secret: _secret, ...shown } = service;
  if (service.custom === true || SHOWN_IN_FULL.has(service.service)) return shown;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    _id: service._id,
    name: service.service,
    clientId: service.appId || service.clientId || service.consumerKey,
    buttonLabelText: str(service.buttonLabelText),
    buttonColor: str(service.buttonColor),
    buttonLabelColor: str(service.buttonLabelColor),
    custom: false,
  };
}
