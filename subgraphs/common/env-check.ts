import { accessSync, constants, readFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { developmentSettingsProblems } from './production-guard';

export type Env = Record<string, string | undefined>;

/** One variable's rule: zod turns the raw text (unset and empty alike) into the typed value or a problem in Russian. */
export type EnvRule<T> = z.ZodType<T, string | undefined>;

class Refusal {
  constructor(readonly rule: string) {}
}

/** A rule from a conversion; `undefined` for an unset variable, since compose writes `${X:-}` as an empty string. */
export function envRule<T>(convert: (value: string | undefined) => T | Refusal): EnvRule<T> {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const result = convert(raw === '' ? undefined : raw);
      if (result instanceof Refusal) {
        ctx.addIssue({ code: 'custom', message: result.rule });
        return z.NEVER;
      }
      return result;
    });
}

/** Inside a rule: the value breaks it, and this says how. */
export const refuse = (rule: string) => new Refusal(rule);
const REQUIRED = 'обязательна, не задана';

export function integerRule(min: number, max: number, fallback: number, unit = ''): EnvRule<number> {
  return envRule((value) => {
    if (value === undefined) return fallback;
    const number = Number(value);
    return Number.isInteger(number) && number >= min && number <= max ? number : refuse(`нужно целое число${unit} от ${min} до ${max}`);
  });
}

/** Milliseconds: the unit is named in the message, the usual mistake being seconds or "5s". */
export const durationMsRule = (min: number, max: number, fallback: number) => integerRule(min, max, fallback, ' миллисекунд');

export function optionalPortRule(): EnvRule<number | undefined> {
  return envRule((value) => {
    if (value === undefined) return undefined;
    const number = Number(value);
    return Number.isInteger(number) && number >= 0 && number <= 65535 ? number : refuse('нужен номер порта, целое число от 0 до 65535');
  });
}

export function flagRule(fallback: boolean): EnvRule<boolean> {
  return envRule((value) => (value === undefined ? fallback : value === 'true' ? true : value === 'false' ? false : refuse('нужно true или false')));
}

export function textRule(fallback: string): EnvRule<string> {
  return envRule((value) => value ?? fallback);
}

export const optionalTextRule: EnvRule<string | undefined> = envRule((value) => value);

export const requiredTextRule: EnvRule<string> = envRule((value) => value ?? refuse(REQUIRED));

export function choiceRule<T extends string>(choices: readonly T[], fallback: T): EnvRule<T> {
  return envRule((value) => (value === undefined ? fallback : (choices as readonly string[]).includes(value) ? (value as T) : refuse(`нужно одно из: ${choices.join(', ')}`)));
}

export function listRule(fallback: string[]): EnvRule<string[]> {
  return envRule((value) =>
    value
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : fallback,
  );
}

export function patternRule(pattern: RegExp, fallback: string, what: string): EnvRule<string> {
  return envRule((value) => (value === undefined ? fallback : pattern.test(value) ? value : refuse(what)));
}

/** Why a text is not an address with one of `protocols` and a host; null when it is. */
export function urlProblem(value: string, protocols: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `не адрес; нужен вида ${protocols[0]}//хост:порт/…`;
  }
  if (!protocols.includes(url.protocol)) return `схема ${url.protocol}// не подходит; нужна ${protocols.map((p) => `${p}//`).join(' или ')}`;
  if (!url.hostname) return 'в адресе нет хоста';
  return null;
}

export function urlRule(protocols: readonly string[], required: boolean): EnvRule<string | undefined> {
  return envRule((value) => {
    if (value === undefined) return required ? refuse(REQUIRED) : undefined;
    const problem = urlProblem(value, protocols);
    return problem ? refuse(problem) : value;
  });
}

export const requiredUrlRule = (protocols: readonly string[]) => urlRule(protocols, true) as EnvRule<string>;

/** Ed25519 keys in PEM, as auth/access/access-grant.ts and the audit checkpoints use them. */
export function ed25519KeyRule(kind: 'public' | 'private'): EnvRule<string | undefined> {
  return envRule((value) => {
    if (value === undefined) return undefined;
    try {
      const key = kind === 'public' ? createPublicKey(value) : createPrivateKey(value);
      if (key.asymmetricKeyType !== 'ed25519') return refuse(`нужен ${kind === 'public' ? 'открытый' : 'закрытый'} ключ Ed25519, а это ключ ${key.asymmetricKeyType}`);
      return value;
    } catch {
      return refuse(
        `не читается как ${kind === 'public' ? 'открытый' : 'закрытый'} ключ Ed25519 в PEM (-----BEGIN ${kind === 'public' ? 'PUBLIC' : 'PRIVATE'} KEY-----; в переменной переводы строк пишутся как \\n)`,
      );
    }
  });
}

/**
 * A secret or key from the environment: the value itself, or a file named by <KEY>_FILE (container
 * secrets). A file's trailing line break is not part of the secret (`echo s > file` writes one):
 * kept, it would change every HMAC made with it, the auditors' searches and receivers' signatures.
 */
export function secret(env: Env, key: string): string | undefined {
  const file = env[`${key}_FILE`];
  if (file) return readFileSync(file, 'utf8').replace(/[\r\n]+$/, '');
  // The same rule for a variable: a file and a variable holding the same secret give the same value.
  return env[key] ? env[key]!.replace(/\\n/g, '\n').replace(/[\r\n]+$/, '') : undefined;
}

const SECRET_NAME = /(KEY|SECRET|PASSWORD|TOKEN)$/;

/** The value as the message may show it: never a secret, a URL without its password, nothing overlong. */
function shown(variable: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '' || SECRET_NAME.test(variable)) return undefined;
  let text = value;
  try {
    const url = new URL(value);
    if (url.password) {
      url.password = '***';
      text = url.toString();
    }
  } catch {
    // Not a URL: shown as it is.
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * One pass over a service's environment: every variable goes through its zod rule, every problem
 * is kept, and `done()` reports them all in one ConfigError, production rules included, so an
 * operator fixes the whole configuration in one go instead of one restart per mistake.
 */
export class EnvCheck {
  private readonly problems: string[] = [];
  /** Secrets read in this pass, for the production rules (development values refused). */
  readonly resolvedSecrets: Record<string, string | undefined> = {};

  constructor(readonly env: Env) {}

  /** The typed value; after a problem a placeholder that never escapes, since `done()` then throws. */
  read<T>(variable: string, rule: EnvRule<T>): T {
    const value = this.env[variable];
    return this.apply(variable, value, rule, shown(variable, value));
  }

  /**
   * A secret from <variable> or the file named by <variable>_FILE, trimmed of its trailing line
   * break; its value is never shown, only the file's path.
   */
  secret(variable: string, options: { required: string | false; rule?: EnvRule<string | undefined> }): string | undefined {
    const file = this.env[`${variable}_FILE`];
    let value: string | undefined;
    try {
      value = secret(this.env, variable);
    } catch (error) {
      this.problem(`${variable}_FILE`, `файл не читается (${(error as NodeJS.ErrnoException).code ?? String(error)})`, file);
      return undefined;
    }
    this.resolvedSecrets[variable] = value;
    if (!value) {
      if (options.required) this.problem(variable, `обязателен (${variable} или ${variable}_FILE) ${options.required}${file ? `; файл ${file} пуст` : ''}`);
      return undefined;
    }
    return options.rule ? this.apply(file ? `${variable}_FILE` : variable, value, options.rule, file || undefined) : value;
  }

  /** A file the service reads itself later (a CA certificate): checked now so that the start fails, not the first connection. */
  readableFile(variable: string): string | undefined {
    const file = this.env[variable] || undefined;
    if (!file) return undefined;
    try {
      accessSync(file, constants.R_OK);
    } catch (error) {
      this.problem(variable, `файл не читается (${(error as NodeJS.ErrnoException).code ?? String(error)})`, file);
    }
    return file;
  }

  /** A rule between variables (one needs the other); `value` only when it is safe to show. */
  problem(variable: string, rule: string, value?: string): void {
    this.problems.push(value === undefined ? `${variable}: ${rule}` : `${variable}=${value}: ${rule}`);
  }

  /** Problems already phrased, from the webhook configuration (each names its variable). */
  addLines(lines: readonly string[]): void {
    this.problems.push(...lines);
  }

  /** Throws one ConfigError naming every problem; a whole service's pass adds the production rules to the same message. */
  done(options: { productionRules?: boolean } = {}): void {
    if (options.productionRules) this.problems.push(...developmentSettingsProblems(this.env, this.resolvedSecrets));
    const unique = [...new Set(this.problems)];
    if (unique.length === 1) throw new ConfigError(`Ошибка настройки: ${unique[0]}`);
    if (unique.length > 1) throw new ConfigError(`Ошибки настройки (${unique.length}), исправьте все:\n  - ${unique.join('\n  - ')}`);
  }

  private apply<T>(variable: string, value: string | undefined, rule: EnvRule<T>, visible: string | undefined): T {
    const result = rule.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.problem(variable, issue.message, value === undefined || value === '' ? undefined : visible);
    return undefined as T;
  }
}

/**
 * Runs `read` over one EnvCheck and reports every problem at once. `productionRules` for a whole
 * service's configuration (gateway, subgraph): in production its development secrets are refused too.
 */
export function checkEnv<T>(env: Env, read: (check: EnvCheck) => T, options: { productionRules?: boolean } = {}): T {
  const check = new EnvCheck(env);
  const result = read(check);
  check.done(options);
  return result;
}
