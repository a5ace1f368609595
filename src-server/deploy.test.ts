// deploy/: the Dockerfile follows its rules (multi-stage, pinned bases, a non-root
// user, a HEALTHCHECK on /healthz) and its start command runs outside Docker; the
// compose file and the Kubernetes manifests parse, name what they must, and pass
// the server only options it knows. (No Docker engine or cluster runs here.)
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseOptions } from './cli/options';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEPLOY = path.join(ROOT, 'deploy');
const run = promisify(execFile);

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** The Dockerfile's instructions, continuation lines joined, each with the index of its stage. */
function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const instructions: Instruction[] = [];
  let stage = -1;
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const keyword = match[1]!.toUpperCase();
    if (keyword === 'FROM') stage += 1;
    instructions.push({ keyword, args: match[2]!.trim(), stage });
  }
  return instructions;
}

const execForm = (args: string) => JSON.parse(args) as string[];
/** The server's options after `dist/server/server.js`, as the CLI parses them. */
const serverOptions = (command: string[], env: NodeJS.ProcessEnv = {}) => parseOptions(command.slice(command.indexOf('dist/server/server.js') + 1), env);
/** A digest, or a tag naming at least major.minor (never `latest` or a bare major). */
const pinned = (image: string) => /@sha256:[0-9a-f]{64}$/.test(image) || /:\d+\.\d+(\.\d+)?(-[\w.-]+)?$/.test(image);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the Dockerfile', () => {
  const instructions = parseDockerfile(fs.readFileSync(path.join(DEPLOY, 'Dockerfile'), 'utf8'));
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  const last = froms.length - 1;
  const final = instructions.filter((i) => i.stage === last);
  const cmd = execForm(final.find((i) => i.keyword === 'CMD')!.args);

  it('builds in several stages from pinned base images, copying only from its own stages', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(pinned(from.args.split(/\s+/)[0]!), from.args).toBe(true);
    const names = froms.map((from) => /\bAS\s+(\S+)/i.exec(from.args)?.[1]).filter(Boolean);
    const copiedFrom = instructions.flatMap((i) => (i.keyword === 'COPY' ? [/--from=(\S+)/.exec(i.args)?.[1]] : [])).filter(Boolean);
    expect(copiedFrom.length).toBeGreaterThan(0);
    for (const source of copiedFrom) expect(names).toContain(source);
  });

  it('runs as a user that is not root, with a HEALTHCHECK on /healthz and the server started in exec form', () => {
    const users = final.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const healthcheck = final.find((i) => i.keyword === 'HEALTHCHECK')!;
    expect(healthcheck.args).toContain('/healthz');
    expect(cmd[0]).toBe('node');
    expect(serverOptions(cmd)).toMatchObject({ host: '0.0.0.0', port: 8787, dataDir: '/data', auditCheckpoints: '/audit/checkpoints.jsonl' });
  });

  it('starts with its own command outside Docker, answers its healthcheck, and stops on SIGTERM', async () => {
    await run(process.execPath, [path.join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-image-'));
    const port = String(await freePort());
    const local = (arg: string) => (arg === '8787' ? port : arg.startsWith('/data') || arg.startsWith('/audit') ? path.join(dir, arg) : arg);
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(cmd[0] === 'node' ? process.execPath : cmd[0]!, cmd.slice(1).map(local), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address within 30 s:\n${output}`)), 30_000);
        child.stdout.on('data', () => {
          if (/listening on http/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then((code) => reject(new Error(`exited ${code}:\n${output}`)));
      });
      const healthcheck = execForm(final.find((i) => i.keyword === 'HEALTHCHECK')!.args.replace(/^.*?CMD\s+/, '')).map((arg) => arg.replaceAll('8787', port));
      await expect(run(process.execPath, healthcheck.slice(1), { cwd: ROOT })).resolves.toBeDefined();
      expect(fs.statSync(path.join(dir, 'data', 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('the compose file', () => {
  const compose = load(fs.readFileSync(path.join(DEPLOY, 'compose.yaml'), 'utf8')) as {
    services: Record<string, { image?: string; build?: { dockerfile: string }; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string>; command?: string[]; volumes?: string[] }>;
    volumes: Record<string, unknown>;
  };

  it('runs the server built from the Dockerfile on PostgreSQL, once PostgreSQL is healthy', () => {
    const { server, postgres } = compose.services;
    expect(pinned(postgres!.image!)).toBe(true);
    expect(server!.build!.dockerfile).toBe('deploy/Dockerfile');
    expect(server!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(server!.environment!.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    const command = server!.command!.map((arg) => arg.replace(/\$\{PUBLIC_URL:-([^}]+)\}/, '$1'));
    expect(serverOptions(command, { DATABASE_URL: 'postgres://x@postgres:5432/rmllm' })).toMatchObject({ host: '0.0.0.0', port: 8787, auditCheckpoints: '/audit/checkpoints.jsonl' });
    for (const volume of [...server!.volumes!, ...postgres!.volumes!]) expect(Object.keys(compose.volumes)).toContain(volume.split(':')[0]);
  });
});

describe('the Kubernetes manifests', () => {
  type Manifest = { kind: string; metadata: { name: string }; spec: Record<string, unknown> };
  const manifests = fs
    .readdirSync(path.join(DEPLOY, 'kubernetes'))
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => loadAll(fs.readFileSync(path.join(DEPLOY, 'kubernetes', file), 'utf8')) as Manifest[])
    .filter(Boolean);
  const byKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
  const deployment = byKind('Deployment')[0] as unknown as {
    spec: {
      replicas: number;
      selector: { matchLabels: Record<string, string> };
      template: {
        metadata: { labels: Record<string, string> };
        spec: {
          terminationGracePeriodSeconds: number;
          securityContext: { runAsNonRoot: boolean };
          containers: { args: string[]; readinessProbe: { httpGet: { path: string } }; livenessProbe: { httpGet: { path: string } } }[];
          volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[];
        };
      };
    };
  };
  const podLabels = deployment.spec.template.metadata.labels;
  const matches = (selector: Record<string, string>) => Object.entries(selector).every(([key, value]) => podLabels[key] === value);

  it('has a Deployment of several replicas, a Service, a PodDisruptionBudget and the audit volume', () => {
    expect(new Set(manifests.map((manifest) => manifest.kind))).toEqual(new Set(['Deployment', 'Service', 'PodDisruptionBudget', 'PersistentVolumeClaim']));
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const claims = deployment.spec.template.spec.volumes.flatMap((volume) => (volume.persistentVolumeClaim ? [volume.persistentVolumeClaim.claimName] : []));
    expect(claims.every((claim) => byKind('PersistentVolumeClaim').some((pvc) => pvc.metadata.name === claim))).toBe(true);
  });

  it('is ready on /readyz, alive on /healthz, not root, and given time to shut down', () => {
    const [container] = deployment.spec.template.spec.containers;
    expect(container!.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container!.livenessProbe.httpGet.path).toBe('/healthz');
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(10);
    const args = container!.args.map((arg) => arg.replace('$(POD_NAME)', 'pod-1'));
    expect(serverOptions(args, { DATABASE_URL: 'postgres://x@db:5432/rmllm' })).toMatchObject({ host: '0.0.0.0', auditCheckpoints: '/audit/pod-1.jsonl' });
  });

  it('selects the Deployment’s pods in its own selector, the Service and the PodDisruptionBudget', () => {
    expect(matches(deployment.spec.selector.matchLabels)).toBe(true);
    const pdb = byKind('PodDisruptionBudget')[0]!.spec as { minAvailable: number; selector: { matchLabels: Record<string, string> } };
    expect(Object.keys(pdb.selector.matchLabels).length).toBeGreaterThan(0);
    expect(matches(pdb.selector.matchLabels)).toBe(true);
    expect(pdb.minAvailable).toBeLessThan(deployment.spec.replicas);
    const service = byKind('Service')[0]!.spec as { selector: Record<string, string> };
    expect(matches(service.selector)).toBe(true);
  });
});
