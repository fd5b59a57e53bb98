// Outgoing mail never leaves the process: it lands in a mailbox that tests and
// demos read through `GET /_dev/mailbox` (2FA codes §5, verification links §6).
import type { Clock } from '../clock';
import type { Mail } from './types';

export class MailerError extends Error {}

export class Mailer {
  readonly messages: Mail[] = [];
  /** `isBroken` reads the `Dev_Mailer_Broken` setting: every send throws, like an SMTP outage. */
  constructor(
    private readonly clock: Clock,
    private readonly isBroken: () => boolean = () => false,
  ) {}

  send(mail: Omit<Mail, 'sentAt'>): void {
    if (this.isBroken()) throw new MailerError('SMTP server unavailable');
    this.messages.push({ ...mail, sentAt: this.clock.date().toISOString() });
  }

  to(address: string | null): Mail[] {
    if (address === null) return [...this.messages];
    const wanted = address.toLowerCase();
    return this.messages.filter((m) => m.to.toLowerCase() === wanted);
  }

  clear(): void {
    this.messages.length = 0;
  }
}
