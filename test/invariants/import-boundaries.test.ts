import { existsSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { ROOT, importsOf, runtimeImportsOf, typeScriptFiles } from './source-files';

/** Root-relative target of a relative import, or the package name of a bare one. */
function resolve(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(ROOT, normalize(join(ROOT, dirname(file), specifier)));
}

function violations(
  files: string[],
  forbidden: (target: string, file: string) => boolean,
): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .map((specifier) => resolve(file, specifier))
      .filter((target) => forbidden(target, file))
      .map((target) => `${file} imports ${target}`),
  );
}

/** A project module's file from its root-relative import target, or undefined for packages. */
function projectFile(target: string): string | undefined {
  if (target.startsWith('@') || !target.includes('/')) return undefined;
  for (const candidate of [`${target}.ts`, join(target, 'index.ts')])
    if (existsSync(join(ROOT, candidate))) return candidate;
  return undefined;
}

/**
 * The modules `file` loads at run time, followed through every project module they load in turn
 * (type-only imports are erased by the compiler and load nothing), that `forbidden` rejects,
 * each named with the chain that reaches it.
 */
function loadedViolations(file: string, forbidden: (target: string) => boolean): string[] {
  const found: string[] = [];
  const seen = new Set<string>([file]);
  const queue: { file: string; chain: string }[] = [{ file, chain: file }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const specifier of runtimeImportsOf(next.file)) {
      const target = resolve(next.file, specifier);
      if (forbidden(target)) found.push(`${next.chain} imports ${target}`);
      const loaded = projectFile(target);
      if (loaded && !seen.has(loaded)) {
        seen.add(loaded);
        queue.push({ file: loaded, chain: `${next.chain} → ${loaded}` });
      }
    }
  }
  return found;
}

const production = (folder: string) =>
  typeScriptFiles(folder).filter((file) => !file.endsWith('.test.ts'));
const isCdktf = (target: string) =>
  target === 'cdktf' ||
  target === 'constructs' ||
  target.startsWith('@cdktf/') ||
  target.startsWith('cdktf/');

describe('import boundaries', () => {
  test('checks, the model, the runner and the report formatters never call AWS', () => {
    const pure = [
      ...production('scanner/checks'),
      ...production('scanner/model'),
      ...production('scanner/report'),
      'scanner/run.ts',
    ];
    expect(
      violations(
        pure,
        (target) =>
          target.startsWith('@aws-sdk/') ||
          target.startsWith('scanner/collect') ||
          target.startsWith('lib/aws'),
      ),
    ).toEqual([]);
  });

  test('the scanner model holds types and constants only', () => {
    expect(
      violations(production('scanner/model'), (target) => !target.startsWith('scanner/model')),
    ).toEqual([]);
  });

  test('responder plans build no clients, through every module they load', () => {
    const plans = typeScriptFiles('responders').filter((file) => file.endsWith('/plan.ts'));
    const clientCode = (target: string) =>
      target.startsWith('@aws-sdk/') ||
      target === 'lib/aws/clients' ||
      /^responders\/[^/]+\/runners$/.test(target);
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.flatMap((plan) => loadedViolations(plan, clientCode))).toEqual([]);
  });

  test('no library code imports the CLI (only tests of the CLI do)', () => {
    const outside = ['lib', 'scanner', 'responders', 'modules', 'examples'].flatMap(production);
    expect(violations(outside, (target) => target.startsWith('cli/') || target === 'cli')).toEqual(
      [],
    );
  });

  test('CDKTF is imported only by the module and its examples', () => {
    const others = ['lib', 'scanner', 'responders', 'cli'].flatMap(typeScriptFiles);
    expect(violations(others, isCdktf)).toEqual([]);
  });

  test('the module takes only permission constants and handler entry points from the responders', () => {
    const allowed = (target: string) =>
      /^responders\/[^/]+\/(permissions|handler)$/.test(target) ||
      /^responders\/[^/]+\/handler-entry$/.test(target);
    expect(
      violations(
        typeScriptFiles('modules'),
        (target) => target.startsWith('responders/') && !allowed(target),
      ),
    ).toEqual([]);
  });

  test('the shared library imports nothing from the rest of the project', () => {
    const project = /^(scanner|responders|modules|cli|examples|test)(\/|$)/;
    expect(violations(production('lib'), (target) => project.test(target))).toEqual([]);
  });
});
