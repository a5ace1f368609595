export interface HostArgs {
  port: number;
  dataDir: string | null;
  open: boolean;
  /** Folders besides the data folder where paths typed in the page may lead (`--allow-dir`, repeatable). */
  allowDirs: string[];
}

export class UsageError extends Error {}

export const HOST_USAGE = 'Usage: npm run start:web -- [--port N] [--data-dir DIR] [--allow-dir DIR]... [--no-open]';

export function parseHostArgs(argv: string[]): HostArgs {
  const args: HostArgs = { port: 0, dataDir: null, open: true, allowDirs: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value. ${HOST_USAGE}`);
      return next;
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError(`--port must be a whole number from 0 to 65535 (0 picks a free port). ${HOST_USAGE}`);
        }
        args.port = port;
        break;
      }
      case '--data-dir':
        args.dataDir = value();
        break;
      case '--allow-dir':
        args.allowDirs.push(value());
        break;
      case '--no-open':
        args.open = false;
        break;
      default:
        throw new UsageError(`Unknown option ${arg}. ${HOST_USAGE}`);
    }
  }
  return args;
}
