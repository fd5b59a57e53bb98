// Command-line flags of `npm run users-api -- …`.
import fs from 'node:fs';
import type { RateLimitOption, Settings, UsersApiOptions } from './index';
import { parseRelease } from './release';
import { defaultSettings, patchSettings } from './state/settings';

export const HELP = `Usage: npm run users-api -- [options]

A stand-in for the Rocket.Chat users REST API (see tools/users-api/README.md).

Options:
  --port <p>                   Port on 127.0.0.1 (default 3000; 0 picks a free one)
  --seed <file.json>           Seed file (default: tools/users-api/seed/demo.json)
  --compat <release>           Imitate Rocket.Chat 7 (7.13), 8 (8.8, the default) or a minor such as 8.6
  --dev                        Enable the /_dev/* control routes
  --unsafe-query-params        As ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE: 8.x reads \`fields\` and \`query\` of lists
  --people <n>                 Add n generated people (deterministic) to the seed's
  --update-rate-limit <n>/<ms> updateOwnBasicInfo limit per user (default 1/60000); "off" disables
  --rate-limit <n>/<ms>        General limit per route and IP (default 10/60000); "off" disables
  --root-url <url>             ROOT_URL for avatarUrl and redirects (default http://127.0.0.1:<port>)
  --setting <Id>=<value>       Override a setting (repeatable; JSON values), e.g. --setting LDAP_Enable=true
  --tls-cert <file.pem>        Serve HTTPS with this certificate (with --tls-key); the URL becomes https://localhost:<port>
  --tls-key <file.pem>         The certificate's private key
  --client-ca <file.pem>       Require a client certificate issued by this CA (mutual TLS; needs --tls-cert)
  --help                       Show this help

Sign-in (docs/sign-in.md): settings.public / settings.oauth tell a client what to offer.
  LDAP user lena.ldap / lena-ldap-1 (needs --setting LDAP_Enable=true),
  Crowd user carl.crowd / carl-crowd-1 (needs --setting CROWD_Enable=true),
  SSO through the demo identity provider on this server: /_idp/oauth/authorize (OAuth "idp"),
  /_idp/saml/sso (SAML "demo-idp"), /_idp/cas/login (CAS); personal access tokens via
  users.generatePersonalAccessToken.

Prints exactly one line when ready: "Users API listening on http://127.0.0.1:<port>".`;

export class UsageError extends Error {}

function rateLimit(flag: string, value: string): RateLimitOption | false {
  if (value === 'off') return false;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new UsageError(`${flag} expects <calls>/<ms> or "off", got "${value}"`);
  return { limit: Number(m[1]), windowMs: Number(m[2]) };
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} expects an integer in ${min}..${max}, got "${value}"`);
  return n;
}

/** `Id=value`: the value is read as JSON when it parses (true, 5, "x"), else as a plain string. */
function setting(flag: string, value: string, into: Partial<Settings>): void {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`${flag} expects <Id>=<value>, got "${value}"`);
  const id = value.slice(0, eq);
  const raw = value.slice(eq + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // A bare string such as a URL.
  }
  const problems = patchSettings(defaultSettings(), { [id]: parsed });
  if (problems.length > 0) throw new UsageError(`${flag}: ${problems.join('; ')}`);
  Object.assign(into, { [id]: parsed });
}

export type CliCommand = { help: true } | { help: false; options: UsersApiOptions };

function pemFile(flag: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new UsageError(`${flag}: cannot read "${file}"`);
  }
}

export function parseArgs(argv: string[]): CliCommand {
  const options: UsersApiOptions = { port: 3000 };
  const tls: { cert?: Buffer; key?: Buffer; clientCa?: Buffer } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${name} needs a value`);
      i += 1;
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        return { help: true };
      case '--port':
        options.port = integer(name, value(), 0, 65535);
        break;
      case '--seed':
        options.seed = value();
        break;
      case '--compat': {
        const v = value();
        if (!parseRelease(v)) throw new UsageError(`--compat expects 7, 8 or a minor such as 8.6 (7.0–7.13, 8.0–8.8), got "${v}"`);
        options.compat = v === '7' ? 7 : v === '8' ? 8 : v;
        break;
      }
      case '--dev':
        options.dev = true;
        break;
      case '--unsafe-query-params':
        options.unsafeQueryParams = true;
        break;
      case '--people':
        options.people = integer(name, value(), 0, 1_000_000);
        break;
      case '--update-rate-limit':
        options.updateRateLimit = rateLimit(name, value());
        break;
      case '--rate-limit':
        options.rateLimit = rateLimit(name, value());
        break;
      case '--root-url':
        options.rootUrl = value().replace(/\/$/, '');
        break;
      case '--setting':
        setting(name, value(), (options.settings ??= {}));
        break;
      case '--tls-cert':
        tls.cert = pemFile(name, value());
        break;
      case '--tls-key':
        tls.key = pemFile(name, value());
        break;
      case '--client-ca':
        tls.clientCa = pemFile(name, value());
        break;
      default:
        throw new UsageError(`unknown option "${flag}" (see --help)`);
    }
  }
  if (tls.cert || tls.key || tls.clientCa) {
    if (!tls.cert || !tls.key) throw new UsageError('--tls-cert and --tls-key go together (and --client-ca needs them)');
    options.tls = { cert: tls.cert, key: tls.key, ...(tls.clientCa ? { clientCa: tls.clientCa } : {}) };
  }
  return { help: false, options };
}
