import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

const SKIP = new Set([
  'node_modules',
  'dist',
  'dist-bench',
  'cdktf.out',
  '.git',
  'coverage',
  '.terraform',
  '.tmp',
]);

/** Every TypeScript file under `folder` (relative to the root), as root-relative paths. */
export function typeScriptFiles(folder: string): string[] {
  const start = join(ROOT, folder);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIP.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) found.push(relative(ROOT, path));
    }
  };
  // A folder that does not exist is a typo in the invariant, not an empty folder that passes.
  if (!existsSync(start)) throw new Error(`no folder ${folder} under ${ROOT}`);
  walk(start);
  return found.sort();
}

/** Module specifiers a file imports or re-exports (static and dynamic). */
export function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = new Set<string>();
  for (const match of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specifiers.add((match[1] ?? match[2] ?? match[3]) as string);
  }
  return [...specifiers];
}

/**
 * Module specifiers a file loads at run time: its imports and re-exports except those that are
 * type-only as a whole (`import type`, `export type`), which the compiler erases.
 */
export function runtimeImportsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = new Set<string>();
  for (const match of text.matchAll(
    /(?:import|export)\s+(type\s)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    if (match[1]) continue;
    specifiers.add((match[2] ?? match[3] ?? match[4]) as string);
  }
  return [...specifiers];
}
