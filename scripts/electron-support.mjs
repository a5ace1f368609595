// Is the pinned Electron still supported? Electron gives security fixes to the
// latest three stable majors only. CI runs this (`node scripts/electron-support.mjs`):
// it prints one line and always exits 0, since falling out of the window is a
// reason to upgrade soon, not a broken build. The published versions come from
// the npm registry through npm itself, so npm's own registry settings apply.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How many stable majors Electron supports at once. */
export const SUPPORTED_MAJORS = 3;

const STABLE = /^(\d+)\.\d+\.\d+$/;

/**
 * The decision, as a pure function. `pinned` is package.json's version of
 * electron (an exact version; a leading ^ or ~ is ignored); `published` is every
 * version on the registry. Returns { ok: true, message } or { ok: false, warning }.
 */
export function electronSupport(pinned, published) {
  const pinnedMatch = /^[\^~]?(\d+)\.\d+\.\d+(-[\w.]+)?$/.exec(String(pinned ?? '').trim());
  if (!pinnedMatch) {
    return { ok: false, warning: `package.json pins electron as "${pinned}", which is not a version; pin an exact one (e.g. 45.6.1).` };
  }
  const major = Number(pinnedMatch[1]);
  const stableMajors = [...new Set(published.map((version) => STABLE.exec(version)?.[1]).filter(Boolean).map(Number))].sort(
    (a, b) => b - a,
  );
  const supported = stableMajors.slice(0, SUPPORTED_MAJORS);
  if (supported.length === 0) {
    return { ok: false, warning: 'The registry lists no stable Electron release, so the support window is unknown.' };
  }
  const window = supported.join(', ');
  if (pinnedMatch[2] || major > supported[0]) {
    return { ok: false, warning: `Electron ${pinned} is not a stable release; the supported majors are ${window}.` };
  }
  if (!supported.includes(major)) {
    return {
      ok: false,
      warning: `Electron ${major} is out of support: Electron fixes only its latest ${SUPPORTED_MAJORS} stable majors (${window}). Move package.json's electron to ${supported[0]} (see README, "Electron versions").`,
    };
  }
  return { ok: true, message: `Electron ${major} is supported (the supported majors are ${window}).` };
}

/** Every published electron version, from `npm view`; throws with npm's own words when it fails. */
export function publishedElectronVersions() {
  const run = spawnSync('npm', ['view', 'electron', 'versions', '--json'], {
    encoding: 'utf8',
    timeout: 120_000,
    shell: process.platform === 'win32',
  });
  if (run.error) throw run.error;
  // With --json, npm answers on stdout even when it fails: { error: { code, summary } }.
  let answer;
  try {
    answer = JSON.parse(run.stdout);
  } catch {
    throw new Error(`npm view exited with ${run.status} and no JSON answer`);
  }
  if (answer?.error) throw new Error(answer.error.summary || answer.error.code || 'npm view failed');
  if (run.status !== 0) throw new Error(`npm view exited with ${run.status}`);
  return Array.isArray(answer) ? answer : [answer];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const pinned = manifest.devDependencies?.electron ?? manifest.dependencies?.electron;
  let published;
  try {
    published = publishedElectronVersions();
  } catch (error) {
    console.log(`Could not check whether Electron ${pinned} is still supported: the npm registry did not answer (${error.message}). Going on.`);
    process.exit(0);
  }
  const support = electronSupport(pinned, published);
  console.log(support.ok ? support.message : `WARNING: ${support.warning}`);
}
