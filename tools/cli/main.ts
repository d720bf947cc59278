/**
 * `tideline`'s dispatch: the command line of Tideline, over its public HTTP API with an
 * API key (`npm run tideline -- <command>`, or the `tideline` bin). Only
 * `bootstrap` talks to NATS, for a cluster that has no key yet.
 */
import type { CommandTable, Io } from './command.ts';
import { adminCommands } from './admin.ts';
import { queryCommands } from './queries.ts';
import { unbundled } from './unbundled.ts';

// ingest (chDB) and demo-data (the demo's generator, and with it @tideline/runtime) load only when they run:
// together they are most of a process's start, which every project or key call would otherwise pay.
const ingestUsage = (kind: string) =>
  `ingest ${kind} FILE --model M [--map field=col,…] [--tags col,…] [--format auto|csv|tsv|parquet|arrow|ndjson] [--batch-size N] [--rate ROWS/S] [--rejects PATH] [--task binary|multiclass|regression] [--restart]`;
const lazyCommands: CommandTable = {
  'ingest predictions': { usage: ingestUsage('predictions'), run: async (args, io) => (await import('./ingest.ts')).ingest('predictions', args, io) },
  'ingest feedback': { usage: ingestUsage('feedback'), run: async (args, io) => (await import('./ingest.ts')).ingest('feedback', args, io) },
  'demo-data': {
    usage: 'demo-data [--model churn] [--from 2026-01-01] [--days 7] [--rows 7000] [--labeled 0.8]   a week of sample traffic, with drift in its last 2 days',
    run: async (args, io) => (await unbundled<typeof import('./demo-data.ts')>('demo-data')).demoData(args, io),
  },
};

const commands: CommandTable = { ...adminCommands, ...lazyCommands, ...queryCommands };

const usage = () => `usage: tideline <command> [--url URL] [--key KEY]

commands:
${Object.values(commands)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

where: --url, else TIDELINE_URL, else http://localhost:4000
key:   --key, else TIDELINE_KEY, else $TIDELINE_HOME/dev-key (.tideline/dev-key, written by npm start)`;

/** The command named by the first one or two words of argv. */
function find(argv: readonly string[]): [string, number] | undefined {
  const two = `${argv[0]} ${argv[1] ?? ''}`;
  if (commands[two]) return [two, 2];
  return commands[argv[0]!] ? [argv[0]!, 1] : undefined;
}

export async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0 || ['--help', '-h', 'help'].includes(argv[0]!)) {
    (argv.length ? io.out : io.err)(usage());
    return argv.length === 0 ? 2 : 0;
  }
  const found = find(argv);
  if (!found) {
    io.err(`unknown command '${argv.slice(0, 2).join(' ')}'\n\n${usage()}`);
    return 2;
  }
  try {
    const command = commands[found[0]]!;
    await command.run(argv.slice(found[1]), io);
    return io.signal.aborted && !command.interruptible ? 130 : 0;
  } catch (err) {
    // By name, not instanceof: bootstrap and demo-data load from their sources beside the bundle (unbundled.ts), with their own copies of these classes.
    const error = err as { name?: string; message?: string; code?: string; field?: string } | undefined;
    if (error?.name === 'UsageError') {
      io.err(`${found[0]}: ${error.message}\n\nusage: tideline ${commands[found[0]]!.usage}`);
      return 2;
    }
    const code = error?.name === 'TidelineError' && error.code ? ` [${error.code}${error.field ? `, field ${error.field}` : ''}]` : '';
    const hint = error?.code === 'NETWORK_ERROR' ? '; is Tideline running? start it (npm start) or pass --url / TIDELINE_URL' : '';
    io.err(`${found[0]} failed: ${error?.message ?? String(err)}${hint}${code}`);
    return 1;
  }
}
