import type { InstructionInfo, Stage } from '../model';
import { runScript } from '../run';
import { commandName, parseShellCommands } from '../shell/commands';
import { canonicalImageName } from './images';
import { execForm } from './shell-source';
import { ancestry, runSites } from './stages';
import type { DockerfileModel } from '../model';

/**
 * What the final image runs and what its base image is known to provide: start commands,
 * wrappers such as tini, Python and server processes, default users of well-known images.
 * Offline knowledge, written for the rules about the running container.
 */

export interface StartInstruction {
  info: InstructionInfo;
  exec: boolean;
  /** Simple commands it runs; for exec form one argv (or the commands of an `sh -c` script). */
  commands: string[][];
}

export interface StartCommands {
  entrypoint?: StartInstruction;
  cmd?: StartInstruction;
}

/**
 * The ENTRYPOINT and CMD in effect at the end of `stage`, following `FROM <stage>` chains.
 * As in Docker, an ENTRYPOINT resets a CMD inherited from the base unless the same stage sets CMD.
 */
export function startCommands(model: DockerfileModel, stage: Stage): StartCommands {
  let entrypoint: InstructionInfo | undefined;
  let cmd: InstructionInfo | undefined;
  for (const s of ancestry(stage)) {
    const cmdHere = s.instructions.some(x => x.keyword === 'CMD');
    for (const info of s.instructions) {
      if (info.keyword === 'CMD') cmd = info;
      else if (info.keyword === 'ENTRYPOINT') { entrypoint = info; if (!cmdHere) cmd = undefined; }
    }
  }
  return { entrypoint: entrypoint && describe(model, entrypoint), cmd: cmd && describe(model, cmd) };
}

function describe(model: DockerfileModel, info: InstructionInfo): StartInstruction {
  const exec = execForm(model, info.node);
  if (exec) {
    const a = exec.argv;
    const shell = /(^|\/)(ba|da|a|z)?sh$/.test(a[0] ?? '');
    const c = a.indexOf('-c');
    if (shell && c >= 1 && c <= 2 && a[c + 1] !== undefined) {
      return { info, exec: true, commands: parseShellCommands(a[c + 1]).map(x => x.argv).filter(x => x.length) };
    }
    return { info, exec: true, commands: a.length ? [a] : [] };
  }
  return { info, exec: false, commands: runScript(info.node).commands.map(x => x.argv).filter(x => x.length) };
}

/** Every simple command the container starts with, ENTRYPOINT first. */
export function startArgvs(start: StartCommands): string[][] {
  return [...(start.entrypoint?.commands ?? []), ...(start.cmd?.commands ?? [])];
}

const base = (word: string | undefined) => (word ?? '').slice((word ?? '').lastIndexOf('/') + 1);

/** Launchers that run the rest of the line: `tini --`, `gosu user`, `uv run`, `exec`, `env A=1`. */
export function innerCommand(argv: string[]): string[] {
  let a = argv;
  for (let guard = 0; guard < 8 && a.length; guard++) {
    const name = base(a[0]);
    let rest: string[] | undefined;
    if (['exec', 'env', 'nohup', 'time', 'nice', 'command'].includes(name)) rest = dropOptions(a.slice(1), ['-n']);
    else if (['tini', 'dumb-init', 'catatonit', 'tini-static'].includes(name)) {
      const dd = a.indexOf('--');
      rest = dd >= 0 ? a.slice(dd + 1) : dropOptions(a.slice(1), ['-s', '-p', '-e']);
    } else if (['gosu', 'su-exec', 'chpst', 'setpriv', 'runuser'].includes(name)) rest = a.slice(2);
    else if (['uv', 'poetry', 'pipenv', 'pdm', 'hatch', 'rye'].includes(name) && a[1] === 'run') rest = dropOptions(a.slice(2), ['--with', '--python', '-p', '--env-file', '--group', '--extra', '--package']);
    else if (['conda', 'micromamba', 'mamba'].includes(name) && a[1] === 'run') rest = dropOptions(a.slice(2), ['-n', '--name', '-p', '--prefix']);
    else if (['opentelemetry-instrument', 'ddtrace-run'].includes(name)) rest = dropOptions(a.slice(1), []);
    else if (name === 'newrelic-admin' && a[1] === 'run-program') rest = a.slice(2);
    else if (name === 'doppler' && a.includes('--')) rest = a.slice(a.indexOf('--') + 1);
    if (!rest) return a;
    while (rest.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0])) rest = rest.slice(1);
    if (rest[0] === '--') rest = rest.slice(1);
    a = rest;
  }
  return a;
}

function dropOptions(args: string[], withValue: string[]): string[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-') && args[i] !== '--') i += withValue.includes(args[i]) ? 2 : 1;
  return args.slice(i);
}

const PYTHON = /^(python|pypy)(\d+(\.\d+)*)?$/;

/** Console scripts that are Python programs. */
const PYTHON_PROGRAMS = new Set([
  'uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'granian', 'celery', 'flask', 'fastapi', 'streamlit', 'waitress-serve',
  'dramatiq', 'rq', 'huey_consumer', 'scrapy', 'mlflow', 'airflow', 'dagster', 'dagster-webserver', 'prefect',
  'bentoml', 'gradio', 'panel', 'voila', 'locust', 'jupyter', 'jupyter-lab', 'jupyterhub', 'pytest', 'django-admin',
  'chainlit', 'litestar', 'sanic', 'taskiq', 'faust', 'arq', 'kopf', 'datasette', 'superset', 'label-studio',
]);

/** Does the command run a Python program (not a bare interactive interpreter)? */
export function runsPython(argv: string[]): boolean {
  const a = innerCommand(argv);
  const name = base(a[0]);
  if (PYTHON.test(name)) return a.slice(1).some(x => !x.startsWith('-') || x === '-m' || x === '-c');
  return PYTHON_PROGRAMS.has(name);
}

/** `python -u ...` (also combined short options such as `-Bu`). */
export function pythonUnbufferedFlag(argv: string[]): boolean {
  const a = innerCommand(argv);
  if (!PYTHON.test(base(a[0]))) return false;
  for (const x of a.slice(1)) {
    if (x === '-m' || x === '-c' || !x.startsWith('-')) return false;
    if (/^-[bBdEhiIOPqsSuvRx]*u[bBdEhiIOPqsSuvRx]*$/.test(x)) return true;
  }
  return false;
}

/** A short description when the command starts a network service, else undefined. */
export function serverCommand(argv: string[]): string | undefined {
  const a = innerCommand(argv);
  const name = base(a[0]);
  const args = a.slice(1);
  // Asking for a version, help or a config test is not serving.
  if (args.some(x => ['--version', '-v', '-V', '--help'].includes(x))) return undefined;
  if (['nginx', 'httpd', 'haproxy', 'apachectl'].includes(name) && args.some(x => x === '-t' || x === '-T' || x === 'configtest' || (name === 'haproxy' && x === '-c'))) return undefined;
  if (['uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'granian', 'waitress-serve', 'sanic', 'datasette', 'chainlit', 'superset', 'label-studio', 'jupyterhub', 'mlflow'].includes(name)) return name;
  if (['nginx', 'httpd', 'httpd-foreground', 'apache2-foreground', 'php-fpm', 'caddy', 'traefik', 'haproxy', 'puma', 'unicorn', 'thin', 'envoy', 'kong'].includes(name) || /^php-fpm\d/.test(name)) return name;
  if ((name === 'flask' || name === 'fastapi' || name === 'streamlit') && args[0] === 'run') return `${name} run`;
  if (name === 'streamlit' || name === 'gradio') return name;
  if (PYTHON.test(name)) {
    const m = args.indexOf('-m');
    const mod = m >= 0 ? args[m + 1] : undefined;
    if (mod && ['uvicorn', 'gunicorn', 'hypercorn', 'http.server', 'flask', 'streamlit', 'daphne', 'waitress'].includes(mod)) return `python -m ${mod}`;
    if (args.includes('runserver')) return 'manage.py runserver';
    return undefined;
  }
  if (name === 'node' || name === 'bun' || name === 'deno') return args.some(x => !x.startsWith('-')) ? name : undefined;
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(name)) {
    const script = args[0] === 'run' || args[0] === 'run-script' ? args[1] : args[0];
    if (script && /^(start|serve|server|prod|start:prod|start-prod)$/.test(script)) return `${name} ${args.join(' ')}`.trim();
    return undefined;
  }
  if (name === 'next' && args[0] === 'start') return 'next start';
  if (name === 'java' && args.includes('-jar')) return 'java -jar';
  if (name === 'rails' && (args[0] === 'server' || args[0] === 's')) return 'rails server';
  if (name === 'bundle' && args[0] === 'exec') return serverCommand(args.slice(1));
  if (name === 'dotnet' && args[0]?.endsWith('.dll')) return 'dotnet';
  if (name === 'catalina.sh' && args[0] === 'run') return 'tomcat';
  return undefined;
}

/** Shells and interpreters started without a program: an image for interactive or further use, not an application. */
export function isBareShellOrInterpreter(argv: string[]): boolean {
  const a = innerCommand(argv);
  const name = base(a[0]);
  if (!/^(ba|da|a|z|fi)?sh$|^(python|pypy)(\d+(\.\d+)*)?$|^(node|irb|ruby|iex|erl|ghci|julia|R|jshell|php|perl|lua|pwsh|powershell)$/.test(name)) return false;
  return a.slice(1).every(x => x.startsWith('-') && !['-c', '-m', '-e', '-r'].includes(x));
}

/** Servers that start as root and hand the work to an unprivileged user themselves (the `User` directive of Apache, nginx's workers). */
export function serverDropsPrivileges(argv: string[]): boolean {
  const name = base(innerCommand(argv)[0]);
  return ['httpd-foreground', 'apache2-foreground', 'httpd', 'apache2', 'apachectl', 'nginx', 'php-fpm'].includes(name) || /^php-fpm\d/.test(name);
}

/** Well-known images' runtime facts, keyed by canonical repository name (pattern) and tag. */
export interface BaseImageFacts {
  family: 'scratch' | 'distroless' | 'windows' | 'alpine' | 'debian' | 'rhel' | 'unknown';
  /** The image already runs as a non-root user unless told otherwise. */
  nonRootByDefault: boolean;
  /** An unprivileged user the image ships with, to switch to. */
  builtInUser?: string;
  /** The image's own entrypoint starts as root and then switches to a service user. */
  dropsPrivileges: boolean;
  /** The image is a server when run with its own command. */
  servesByDefault: boolean;
  /** The image reference as written, for messages. */
  display: string;
}

const DEBIAN_BASED = /^(python|node|ruby|golang|rust|php|perl|openjdk|eclipse-temurin|amazoncorretto|ibm-semeru-runtimes|debian|ubuntu|buildpack-deps|gcc|haskell|julia|r-base|rocker\/.*|nvidia\/cuda|pytorch\/pytorch|tensorflow\/tensorflow|continuumio\/.*|condaforge\/.*|mambaorg\/micromamba|huggingface\/.*|mcr\.microsoft\.com\/dotnet\/.*|mcr\.microsoft\.com\/devcontainers\/.*|maven|gradle|elixir|erlang|swift|dart|clojure|nginx|httpd|postgres|redis|mysql|mariadb|mongo|rabbitmq|memcached|wordpress|tomcat|jenkins\/jenkins|node-red.*|ghcr\.io\/astral-sh\/uv)$/;
const RHEL_BASED = /^(fedora|centos|rockylinux|rockylinux\/rockylinux|almalinux|oraclelinux|amazonlinux|registry\.access\.redhat\.com\/ubi\d+(\/ubi)?|redhat\/ubi\d+|quay\.io\/centos\/centos)$/;
const DROPS_PRIVILEGES = /^(postgres|redis|mysql|mariadb|mongo|rabbitmq|memcached|nginx|httpd|wordpress|cassandra|couchdb|couchbase|zookeeper|haproxy|percona|neo4j|odoo|nextcloud|drupal|joomla|ghost|matomo|php)$/;
const SERVES = /^(nginx|httpd|caddy|traefik|haproxy|tomcat|wordpress|postgres|redis|mysql|mariadb|mongo|rabbitmq|memcached|nextcloud|ghost|drupal|odoo|registry|grafana\/grafana|prom\/prometheus|envoyproxy\/envoy|kong)$/;

const factsCache = new WeakMap<Stage, BaseImageFacts>();

/** What the root image of a stage is known to do at run time; computed once per stage and shared (callers must not change it). */

export function baseImageFacts(stage: Stage): BaseImageFacts {
  let facts = factsCache.get(stage);
  if (!facts) {
    facts = computeBaseImageFacts(stage);
    factsCache.set(stage, facts);
  }
  return facts;
}

function computeBaseImageFacts(stage: Stage): BaseImageFacts {
  const root = ancestry(stage)[0];
  const image = root.image;
  const display = image.resolved ?? image.raw;
  const facts: BaseImageFacts = { family: 'unknown', nonRootByDefault: false, dropsPrivileges: false, servesByDefault: false, display };
  if (image.isScratch) return { ...facts, family: 'scratch' };
  if (!image.name) return facts;
  const name = canonicalImageName(image.name);
  const tag = (image.tag ?? '').toLowerCase();
  if (/windows|servercore|nanoserver/.test(name) || /windowsservercore|nanoserver|ltsc\d{4}/.test(tag)) return { ...facts, family: 'windows' };
  if (/^gcr\.io\/distroless\//.test(name)) {
    return { ...facts, family: 'distroless', nonRootByDefault: /nonroot/.test(tag), builtInUser: 'nonroot' };
  }
  if (/^cgr\.dev\/chainguard\//.test(name)) return { ...facts, family: /-dev$/.test(tag) ? 'alpine' : 'distroless', nonRootByDefault: true };
  if (/(^|\/)bitnami\//.test(name) || /unprivileged|rootless/.test(name) || /rootless|nonroot|unprivileged/.test(tag)) facts.nonRootByDefault = true;
  if (/^(quay\.io\/)?jupyter\//.test(name) || /^grafana\/grafana/.test(name) || /^(docker\.elastic\.co\/elasticsearch\/)?elasticsearch$/.test(name)) facts.nonRootByDefault = true;
  if (/-chiseled/.test(tag) && /^mcr\.microsoft\.com\/dotnet\//.test(name)) return { ...facts, family: 'distroless', nonRootByDefault: true };
  if (name === 'alpine' || /alpine/.test(name) || /alpine/.test(tag) || name === 'busybox') facts.family = 'alpine';
  else if (RHEL_BASED.test(name)) facts.family = /minimal|micro/.test(name + tag) ? 'unknown' : 'rhel';
  else if (DEBIAN_BASED.test(name)) facts.family = 'debian';
  if (name === 'node') facts.builtInUser = 'node';
  if (DROPS_PRIVILEGES.test(name) && (name !== 'php' || /apache|fpm/.test(tag))) facts.dropsPrivileges = true;
  if (SERVES.test(name) || (name === 'php' && /apache|fpm/.test(tag))) facts.servesByDefault = true;
  return facts;
}

/** Users created by `useradd`/`adduser` in RUNs of the stage and its ancestors, with the stage that created them. */
export function createdUsers(stage: Stage): { name: string; stage: Stage }[] {
  const users: { name: string; stage: Stage }[] = [];
  for (const s of ancestry(stage)) {
    for (const site of runSites(s)) {
      if (site.onbuild) continue;
      const commands = runScript(site.node).commands;
      // A user created under a condition (`if [ "$UID" != 0 ]; then useradd …`) may not exist.
      if (commands.some(c => ['if', 'then', 'else', 'elif', 'case', '[', '[[', 'test'].includes(commandName(c)))) continue;
      for (const cmd of commands) {
        const name = commandName(cmd);
        const user = name === 'useradd' ? useraddLogin(cmd.argv.slice(1)) : name === 'adduser' ? adduserLogin(cmd.argv.slice(1)) : undefined;
        if (user && user !== 'root') users.push({ name: user, stage: s });
      }
    }
  }
  return users;
}

const USERADD_VALUE = new Set(['-u', '--uid', '-g', '--gid', '-G', '--groups', '-d', '--home', '--home-dir', '-s', '--shell', '-c', '--comment', '-e', '--expiredate', '-f', '--inactive', '-k', '--skel', '-K', '--key', '-p', '--password', '-b', '--base-dir', '-Z', '--selinux-user', '-R', '--root', '-P', '--prefix']);
const ADDUSER_VALUE = new Set(['-h', '-g', '-s', '-G', '-u', '-k', '--home', '--shell', '--uid', '--gid', '--ingroup', '--gecos', '--comment', '--firstuid', '--lastuid', '--conf', '--add_extra_groups', '--add-extra-groups']);

function useraddLogin(args: string[]): string | undefined {
  let login: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (USERADD_VALUE.has(args[i])) { i++; continue; }
    if (args[i].startsWith('-')) continue;
    login = args[i];
  }
  return login;
}

function adduserLogin(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (ADDUSER_VALUE.has(args[i])) { i++; continue; }
    if (args[i].startsWith('-')) continue;
    return args[i];
  }
  return undefined;
}

/** Does the Dockerfile drop privileges at start (gosu, su-exec, setpriv…)? */
export function mentionsPrivilegeDrop(model: DockerfileModel): boolean {
  return /\b(gosu|su-exec|setpriv|runuser|chpst|s6-setuidgid|setuser)\b/.test(model.text);
}
