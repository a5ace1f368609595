// The part of js-yaml (a test tool here: it reads the manifests in deploy/) the tests use.
declare module 'js-yaml' {
  export function load(text: string): unknown;
  export function loadAll(text: string): unknown[];
}
