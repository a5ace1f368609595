export * from './kinds';
export * from './lookup';
export { CATALOG } from './models';
export * from './schema';
