// updateOwnBasicInfo step 9 (§4): the setEmail method and the confirmation mail
// (also sent by users.sendConfirmationEmail, §6).
import type { App } from '../app';
import { thrown } from '../http/envelope';
import { randomSecret } from '../ids';
import type { UserDoc } from '../state/types';

// Rocket.Chat's validateEmail.
const EMAIL_RE =
  /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;

const list = (value: string): string[] =>
  value
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);

function assertDomainAllowed(app: App, email: string): void {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const allowed = list(app.settings.Accounts_AllowedDomainsList);
  if (allowed.length > 0 && !allowed.includes(domain)) {
    throw thrown('error-invalid-domain', 'The email domain is not in whitelist', { function: 'RocketChat.validateEmailDomain' });
  }
  if (list(app.settings.Accounts_BlockedDomainsList).includes(domain)) {
    throw thrown('error-email-domain-blacklisted', 'The email domain is blacklisted', { function: 'RocketChat.validateEmailDomain' });
  }
  // No DNS here: the reserved `.invalid` TLD stands for a domain without MX/A records.
  if (app.settings.Accounts_UseDNSDomainCheck && (domain === 'invalid' || domain.endsWith('.invalid'))) {
    throw thrown('error-invalid-domain', 'Invalid domain', { function: 'RocketChat.validateEmailDomain' });
  }
}

export function sendVerificationMail(app: App, user: UserDoc, address: string): void {
  const token = randomSecret();
  user.services.email ??= {};
  user.services.email.verificationTokens ??= [];
  user.services.email.verificationTokens.push({ token, address, when: app.clock.date() });
  const link = `${app.rootUrl}/#/verify-email/${token}`;
  app.mailer.send({
    to: address,
    subject: 'Verify your email',
    text: `Hi ${user.name ?? user.username ?? ''},\n\nPlease verify your email address by following this link:\n${link}\n`,
    token,
  });
}

export function changeEmail(app: App, user: UserDoc, email: string): void {
  if (!app.settings.Accounts_AllowEmailChange) {
    throw thrown('error-action-not-allowed', 'Changing email is not allowed', { method: 'setEmail', action: 'Changing_email' });
  }
  const previous = user.emails?.[0]?.address;
  // Sending the address already on file does nothing (§4).
  if (previous === email) return;
  const trimmed = email.trim();
  if (!EMAIL_RE.test(trimmed))
    throw thrown('error-invalid-email', `Invalid email ${trimmed}`, { function: 'RocketChat.setEmail', email: trimmed });
  assertDomainAllowed(app, trimmed);
  const owner = app.store.byEmailInsensitive(trimmed);
  if (owner && owner._id !== user._id) {
    throw thrown('error-field-unavailable', `${trimmed} is already in use :(`, { function: 'RocketChat.setEmail', field: trimmed });
  }
  if (app.settings.Dev_Email_Update_Broken) throw thrown('error-could-not-change-email', 'Could not change email', { method: 'setEmail' });
  user.emails = [{ address: trimmed, verified: false }];
  app.store.touch(user);
  try {
    if (previous) {
      app.mailer.send({
        to: previous,
        subject: 'Your email address was changed',
        text: `The email address of your account was changed to ${trimmed}. If you did not do this, contact your administrator.\n`,
      });
    }
    sendVerificationMail(app, user, trimmed);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw thrown('error-email-send-failed', `Error trying to send email: ${message}`, { function: 'setEmail', message });
  }
}
