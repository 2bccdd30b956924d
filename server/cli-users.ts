// `hotconf user add|passwd|remove|list` and `hotconf token create|revoke`: the console's users
// and API tokens, in the console data dir (--data-dir or HOTCONF_CONSOLE_DATA_DIR; `hotconf up`
// uses ./data). A generated password or token is printed once, as the last word of the last
// line, so a script can take it with `tail -n1 | awk '{print $NF}'`; only hashes are stored.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isRole, ROLES } from './console/auth/roles';
import { SessionStore } from './console/auth/sessions';
import { generatePassword, UserStore } from './console/auth/users';
import { DEFAULT_DATA_DIR } from './cli-defaults';

export class UsersUsageError extends Error {}

const USER_USAGE = 'hotconf user add NAME --role viewer|editor|admin [--email EMAIL] [--password-stdin] | user passwd NAME [--password-stdin] | user remove NAME | user list   (each with --data-dir DIR)';
const TOKEN_USAGE = 'hotconf token create NAME | token revoke NAME (TOKEN_ID | --all)   (each with --data-dir DIR)';

export async function runUser(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, role: { type: 'string' }, email: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
  });
  const dir = dataDir(values['data-dir']);
  const users = new UserStore(dir);
  if (sub === 'list') {
    if (positionals.length > 0) throw new UsersUsageError(`user list takes no names\n${USER_USAGE}`);
    const list = users.list();
    if (list.length === 0) return out(`no users in ${users.path}: add one with \`hotconf user add NAME --role admin --data-dir ${dir}\`\n`);
    for (const u of list) out(`${u.name}\t${u.role}\t${u.email}\ttokens: ${users.tokenIds(u.name).join(',') || '-'}\n`);
    return;
  }
  const name = oneName(positionals, sub);
  switch (sub) {
    case 'add': {
      const role = values.role ?? '';
      if (!isRole(role)) throw new UsersUsageError(`--role must be one of ${ROLES.join(', ')}${role ? `, not "${role.slice(0, 40)}"` : ''}\n${USER_USAGE}`);
      const password = values['password-stdin'] ? passwordFromStdin() : generatePassword();
      const user = await users.add(name, role, password, values.email);
      out(`added console user ${user.name} (role ${user.role}, commits as ${user.name} <${user.email}>) to ${users.path}\n`);
      if (!values['password-stdin']) out(`password for ${user.name} (shown once): ${password}\n`);
      return;
    }
    case 'passwd': {
      const password = values['password-stdin'] ? passwordFromStdin() : generatePassword();
      await users.setPassword(name, password);
      const ended = new SessionStore(dir).deleteForUser(name);
      out(`set a new password for ${name}; signed out ${ended} session(s)\n`);
      if (!values['password-stdin']) out(`password for ${name} (shown once): ${password}\n`);
      return;
    }
    case 'remove': {
      const tokens = users.tokenIds(name).length;
      users.remove(name);
      const ended = new SessionStore(dir).deleteForUser(name);
      out(`removed console user ${name}, ${tokens} API token(s) and ${ended} session(s)\n`);
      return;
    }
    default:
      throw new UsersUsageError(`unknown user command "${sub ?? ''}"\n${USER_USAGE}`);
  }
}

export async function runToken(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'data-dir': { type: 'string' }, all: { type: 'boolean', default: false } } });
  const users = new UserStore(dataDir(values['data-dir']));
  if (sub === 'create') {
    const name = oneName(positionals, sub);
    const { id, token } = await users.createToken(name);
    out(`API token ${id} for ${name} (role ${users.find(name)?.role}); send it as "Authorization: Bearer <token>". Shown once:\n${token}\n`);
    return;
  }
  if (sub === 'revoke') {
    const [name, which, ...extra] = positionals;
    if (!name || extra.length > 0 || (values.all ? which !== undefined : which === undefined)) throw new UsersUsageError(`token revoke takes a user name and a token id (or --all)\n${TOKEN_USAGE}`);
    const revoked = users.revokeToken(name, values.all ? 'all' : which!);
    out(`revoked ${revoked} API token(s) of ${name}\n`);
    return;
  }
  throw new UsersUsageError(`unknown token command "${sub ?? ''}"\n${TOKEN_USAGE}`);
}

function dataDir(flag: string | undefined): string {
  return flag ?? process.env.HOTCONF_CONSOLE_DATA_DIR ?? DEFAULT_DATA_DIR;
}

function oneName(positionals: string[], sub: string | undefined): string {
  if (positionals.length !== 1) throw new UsersUsageError(`${sub ?? 'the command'} takes exactly one user name\n${USER_USAGE}`);
  return positionals[0]!;
}

/** The password piped in: one line, its line ending dropped. */
function passwordFromStdin(): string {
  const text = readFileSync(0, 'utf8');
  const password = text.replace(/\r?\n$/, '');
  if (password.includes('\n')) throw new UsersUsageError('--password-stdin reads one line: the input has several');
  return password;
}
