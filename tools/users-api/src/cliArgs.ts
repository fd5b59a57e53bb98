// Command-line flags of `npm run users-api -- …`.
import type { RateLimitOption, UsersApiOptions } from './index';

export const HELP = `Usage: npm run users-api -- [options]

A stand-in for the Rocket.Chat users REST API (see tools/users-api/README.md).

Options:
  --port <p>                   Port on 127.0.0.1 (default 3000; 0 picks a free one)
  --seed <file.json>           Seed file (default: tools/users-api/seed/demo.json)
  --compat 7|8                 Imitate Rocket.Chat 7.x or 8.x (default 8)
  --dev                        Enable the /_dev/* control routes
  --people <n>                 Add n generated people (deterministic) to the seed's
  --update-rate-limit <n>/<ms> updateOwnBasicInfo limit per user (default 1/60000); "off" disables
  --rate-limit <n>/<ms>        General limit per route and IP (default 10/60000); "off" disables
  --root-url <url>             ROOT_URL for avatarUrl and redirects (default http://127.0.0.1:<port>)
  --help                       Show this help

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

export type CliCommand = { help: true } | { help: false; options: UsersApiOptions };

export function parseArgs(argv: string[]): CliCommand {
  const options: UsersApiOptions = { port: 3000 };
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
        if (v !== '7' && v !== '8') throw new UsageError(`--compat expects 7 or 8, got "${v}"`);
        options.compat = v === '7' ? 7 : 8;
        break;
      }
      case '--dev':
        options.dev = true;
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
      default:
        throw new UsageError(`unknown option "${flag}" (see --help)`);
    }
  }
  return { help: false, options };
}
