/**
 * `tideline bootstrap`: the one command without an API key, straight to NATS
 * KV (NATS_URL), for a cluster that has no key yet or a project that lost its
 * admin keys. Imported by admin.ts only when it runs.
 */
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { createApiKey, createProject, getProject } from '@tideline/gateway';
import { expectPositional, parseArgs, UsageError } from './args.ts';
import { keyWarning, type Io } from './command.ts';

export async function bootstrap(args: string[], io: Io): Promise<void> {
  const parsed = parseArgs(args, { values: ['project', 'name'] });
  const existing = parsed.options.get('project');
  const [name] = existing ? expectPositional(parsed, 'bootstrap --project', []) : expectPositional(parsed, 'bootstrap', ['name']);
  const url = io.env.NATS_URL || 'nats://127.0.0.1:4222';
  const connection = await connect({ servers: url.split(',').map((s) => s.trim()), name: 'tideline-cli', reconnect: false }).catch((err: Error) => {
    throw new UsageError(`cannot reach NATS at ${url}: ${err.message}; start the platform (npm start) or set NATS_URL`);
  });
  try {
    const kvm = new Kvm(connection);
    const project = existing ? await getProject(kvm, existing) : await createProject(kvm, name!);
    if (!project) throw new UsageError(`no project with id '${existing}'`);
    const { key } = await createApiKey(kvm, project.id, parsed.options.get('name') ?? 'owner', { admin: true });
    io.err(keyWarning(true));
    io.out(`${project.id}\t${key}`);
  } finally {
    await connection.close();
  }
}
