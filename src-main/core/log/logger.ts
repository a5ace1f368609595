// JSON-lines logger with secret redaction: every string that has been registered as
// a secret (API keys, the host token) is replaced before anything is written.
import fs from 'node:fs';
import path from 'node:path';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    // Very short strings would redact ordinary words; keys are never that short.
    if (secret.length >= 8) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function createLogger(options: { dir: string | null; redactor: SecretRedactor; echo?: boolean }): Logger {
  let stream: fs.WriteStream | null = null;
  if (options.dir) {
    fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') fs.chmodSync(options.dir, 0o700);
    stream = fs.createWriteStream(path.join(options.dir, 'core.log'), { flags: 'a', mode: 0o600 });
  }
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, message };
    for (const [key, value] of Object.entries(fields ?? {})) entry[key] = serialise(value);
    const line = options.redactor.redact(JSON.stringify(entry));
    stream?.write(`${line}\n`);
    if (options.echo || level === 'error') process.stderr.write(`${line}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
