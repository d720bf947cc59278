/**
 * Administration of projects and API keys, straight against NATS KV (the
 * bootstrap path: it needs no key; GraphQL's apiKeys/createApiKey/revokeApiKey
 * need an admin key):
 *   npm run tideline -- project create <name>
 *   npm run tideline -- project list
 *   npm run tideline -- key create <projectId> [--name N] [--admin]
 *   npm run tideline -- key list <projectId>
 *   npm run tideline -- key revoke <projectId> <keyId>
 */
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { createApiKey, createProject, listApiKeys, listProjects, ProjectError, revokeApiKey } from '@tideline/gateway';

const USAGE = `usage: tideline <command>

commands:
  project create <name>                       create a project; prints its id
  project list                                list projects (id, name, created)
  key create <projectId> [--name N] [--admin] create an API key; prints it once (it is stored hashed).
                                              The project's first key is always admin; later ones only with --admin
  key list <projectId>                        list the project's keys (id, name, role, created)
  key revoke <projectId> <keyId>              revoke a key: gateways stop accepting it within 10 s

environment:
  NATS_URL   NATS server(s), comma-separated (default nats://127.0.0.1:4222)`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Command = (kvm: Kvm, args: string[]) => Promise<void>;

const commands: Record<string, Command> = {
  'project create': async (kvm, [name, ...rest]) => {
    if (!name || rest.length) throw new UsageError('project create takes exactly one name');
    console.log((await createProject(kvm, name)).id);
  },
  'project list': async (kvm, rest) => {
    if (rest.length) throw new UsageError('project list takes no arguments');
    for (const p of await listProjects(kvm)) console.log(`${p.id}\t${p.name}\t${p.createdAt}`);
  },
  'key create': async (kvm, args) => {
    let name = 'default';
    let admin = false;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--name') {
        const value = args[++i];
        if (!value) throw new UsageError('--name needs a value');
        name = value;
      } else if (arg.startsWith('--name=')) name = arg.slice('--name='.length);
      else if (arg === '--admin') admin = true;
      else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
      else positional.push(arg);
    }
    if (positional.length !== 1) throw new UsageError('key create takes exactly one project id');
    const project = positional[0]!;
    // A new project's first key must be able to manage the others.
    if (!admin) admin = (await listApiKeys(kvm, project)).length === 0;
    const { key } = await createApiKey(kvm, project, name, { admin });
    console.error(`store this ${admin ? 'admin ' : ''}key now: it cannot be shown again`);
    console.log(key);
  },
  'key list': async (kvm, args) => {
    if (args.length !== 1) throw new UsageError('key list takes exactly one project id');
    for (const k of await listApiKeys(kvm, args[0]!)) console.log(`${k.id}\t${k.name}\t${k.admin ? 'admin' : 'member'}\t${k.createdAt}`);
  },
  'key revoke': async (kvm, args) => {
    if (args.length !== 2) throw new UsageError('key revoke takes a project id and a key id (from key list)');
    const revoked = await revokeApiKey(kvm, args[0]!, args[1]!);
    console.error(`revoked key '${revoked.name}'; gateways stop accepting it within their 10 s cache`);
  },
};

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const command = commands[`${argv[0]} ${argv[1] ?? ''}`.trim()];
  if (!command) {
    console.error(`unknown command '${argv.slice(0, 2).join(' ')}'\n\n${USAGE}`);
    return 2;
  }
  const url = process.env.NATS_URL || 'nats://127.0.0.1:4222';
  let connection;
  try {
    connection = await connect({ servers: url.split(',').map((s) => s.trim()), name: 'tideline-cli', reconnect: false });
  } catch (err) {
    console.error(`cannot reach NATS at ${url}: ${(err as Error).message}; start the platform (npm start) or set NATS_URL`);
    return 1;
  }
  try {
    await command(new Kvm(connection), argv.slice(2));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(err instanceof ProjectError ? err.message : `failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await connection.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
