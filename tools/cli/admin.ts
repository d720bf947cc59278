/**
 * Projects and API keys over the HTTP API with an admin key (GraphQL
 * projects/createProject/apiKeys/createApiKey/revokeApiKey), and the one
 * path that needs no key: `bootstrap`, straight against NATS KV, for a
 * cluster that has no key yet (or has lost all of a project's admin keys).
 */
import { expectPositional, parseArgs } from './args.ts';
import { clientFromArgs } from './client.ts';
import { keyWarning, type CommandTable } from './command.ts';
import { unbundled } from './unbundled.ts';

interface Project {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string | null;
}
interface ApiKey {
  id: string;
  name: string;
  admin: boolean;
  createdAt: string;
}

export const adminCommands: CommandTable = {
  'project create': {
    usage: 'project create <name>              a project with its first admin key; prints "<id>\\t<key>"',
    async run(args, io) {
      const parsed = parseArgs(args);
      const [name] = expectPositional(parsed, 'project create', ['name']);
      const { createProject: created } = await clientFromArgs(parsed, io.env).gql<{ createProject: { project: Project; key: string } }>(
        'mutation($name: String!) { createProject(name: $name) { project { id name } key } }',
        { name },
      );
      io.err(keyWarning(true));
      io.out(`${created.project.id}\t${created.key}`);
    },
  },
  'project list': {
    usage: "project list                       the key's project and those it created (id, name, created)",
    async run(args, io) {
      const parsed = parseArgs(args);
      expectPositional(parsed, 'project list', []);
      const { projects } = await clientFromArgs(parsed, io.env).gql<{ projects: Project[] }>('{ projects { id name createdAt createdBy } }');
      for (const p of projects) io.out(`${p.id}\t${p.name}\t${p.createdAt}`);
    },
  },
  'key create': {
    usage: "key create [--name N] [--admin]    a key of the calling key's project; prints the key, once",
    async run(args, io) {
      const parsed = parseArgs(args, { values: ['name'], switches: ['admin'] });
      expectPositional(parsed, 'key create', []);
      const admin = parsed.switches.has('admin');
      const { createApiKey: created } = await clientFromArgs(parsed, io.env).gql<{ createApiKey: { key: string } }>(
        'mutation($name: String!, $admin: Boolean) { createApiKey(name: $name, admin: $admin) { key } }',
        { name: parsed.options.get('name') ?? 'default', admin },
      );
      io.err(keyWarning(admin));
      io.out(created.key);
    },
  },
  'key list': {
    usage: "key list                           the project's keys (id, name, admin|member, created)",
    async run(args, io) {
      const parsed = parseArgs(args);
      expectPositional(parsed, 'key list', []);
      const { apiKeys } = await clientFromArgs(parsed, io.env).gql<{ apiKeys: ApiKey[] }>('{ apiKeys { id name admin createdAt } }');
      for (const k of apiKeys) io.out(`${k.id}\t${k.name}\t${k.admin ? 'admin' : 'member'}\t${k.createdAt}`);
    },
  },
  'key revoke': {
    usage: 'key revoke <key-id>                revoke a key (id from key list): at once here, within 10 s elsewhere',
    async run(args, io) {
      const parsed = parseArgs(args);
      const [id] = expectPositional(parsed, 'key revoke', ['key-id']);
      const { revokeApiKey } = await clientFromArgs(parsed, io.env).gql<{ revokeApiKey: ApiKey }>('mutation($id: ID!) { revokeApiKey(id: $id) { name } }', { id });
      io.err(`revoked key '${revokeApiKey.name}'`);
    },
  },
  bootstrap: {
    usage: 'bootstrap <name> | bootstrap --project <id>   over NATS_URL, no key needed: a new project, or a new admin key of an existing one; prints "<id>\\t<key>"',
    // Loaded only here: the other commands need neither NATS nor the gateway's code, and start faster without them.
    run: async (args, io) => (await unbundled<typeof import('./bootstrap.ts')>('bootstrap')).bootstrap(args, io),
  },
};
