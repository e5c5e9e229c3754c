/**
 * Drift of Terraform-managed plumbing as Terraform itself computes it: the `resource_drift` of a
 * refresh-only plan (`terraform show -json <plan>`), presented per resource and attribute. Which
 * resources drifted, and their recorded and live values, are Terraform's; this module only names
 * the attributes whose values differ and keeps sensitive values out of the output.
 */

/** One attribute whose live value differs from the state. */
export interface AttributeDrift {
  /** Dotted path, e.g. `tags.pyjamas:component` or `ingress` (lists are compared whole). */
  readonly path: string;
  /** The value Terraform's state holds: what was deployed. */
  readonly expected: unknown;
  /** The value read from the account now; undefined when the attribute is gone. */
  readonly actual: unknown;
}

/** Who changed a drifted resource, from the matching CloudTrail management event. */
export interface DriftAttribution {
  readonly event: string;
  readonly time: string;
  readonly principal: string;
  readonly accessKeyId?: string;
  readonly sourceIp?: string;
}

/** One resource whose live state no longer matches Terraform's state. */
export interface DriftedResource {
  /** Terraform address, e.g. `aws_security_group.isolation`. */
  readonly address: string;
  readonly type: string;
  /** `changed`: attributes differ; `deleted`: the resource is gone from the account. */
  readonly change: 'changed' | 'deleted';
  /** Region of the resource's provider, when the configuration states it. */
  readonly region?: string;
  /** Identifiers CloudTrail may know the resource by (id, name, ARN), most specific first. */
  readonly identifiers: readonly string[];
  readonly attributes: readonly AttributeDrift[];
  /** Set once CloudTrail was asked; `unknown` carries why nobody could be named. */
  readonly who?: DriftAttribution | { readonly unknown: string };
}

/** The parts of `terraform show -json` of a refresh-only plan that drift reads. */
export interface PlanDocument {
  readonly format_version?: string;
  readonly resource_drift?: readonly ResourceChange[];
  readonly prior_state?: { readonly values?: { readonly root_module?: StateModule } };
  readonly configuration?: {
    readonly provider_config?: Readonly<Record<string, ProviderConfig>>;
    readonly root_module?: { readonly resources?: readonly ConfiguredResource[] };
  };
}

interface ResourceChange {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
  };
}

interface StateModule {
  readonly resources?: readonly unknown[];
  readonly child_modules?: readonly StateModule[];
}

interface ProviderConfig {
  readonly expressions?: { readonly region?: { readonly constant_value?: unknown } };
}

interface ConfiguredResource {
  readonly address: string;
  readonly provider_config_key?: string;
  /** The attributes the configuration sets: expressions, and nested blocks as lists of them. */
  readonly expressions?: Expressions;
}

type Expressions = Readonly<Record<string, unknown>>;

const SENSITIVE = '(sensitive)';

/** Whether the refresh-only plan had any state to compare the account with. */
export function hasPriorState(plan: PlanDocument): boolean {
  const count = (module: StateModule | undefined): number =>
    (module?.resources?.length ?? 0) +
    (module?.child_modules ?? []).reduce((sum, child) => sum + count(child), 0);
  return count(plan.prior_state?.values?.root_module) > 0;
}

/** The drifted resources of a refresh-only plan, in Terraform's order. */
export function driftOf(plan: PlanDocument): DriftedResource[] {
  const regions = providerRegions(plan);
  const configured = new Map(
    (plan.configuration?.root_module?.resources ?? []).map((resource) => [
      resource.address,
      resource.expressions,
    ]),
  );
  return (
    (plan.resource_drift ?? [])
      .filter((drift) => drift.mode === undefined || drift.mode === 'managed')
      .filter((drift) => !drift.change.actions.every((action) => action === 'no-op'))
      .map((drift) => {
        const { before, after, before_sensitive: beforeSensitive } = drift.change;
        const deleted = drift.change.actions.includes('delete') || after === null;
        const configAddress = drift.address.replace(/\[[^\]]*\]$/, '');
        const region = regions.get(configAddress);
        const declared = configured.get(configAddress);
        return {
          address: drift.address,
          type: drift.type,
          change: deleted ? ('deleted' as const) : ('changed' as const),
          ...(region ? { region } : {}),
          identifiers: identifiersOf(before),
          attributes: deleted
            ? []
            : differences(
                declaredPart(before, declared),
                declaredPart(after, declared),
                beforeSensitive,
                drift.change.after_sensitive,
                '',
              ),
        };
      })
      // Terraform also lists updates that only normalise an empty value, or that touch attributes
      // the configuration leaves to AWS: nothing the deploy declared has changed.
      .filter((drift) => drift.change === 'deleted' || drift.attributes.length > 0)
  );
}

function providerRegions(plan: PlanDocument): Map<string, string> {
  const regionOf = new Map<string, string>();
  const providers = plan.configuration?.provider_config ?? {};
  for (const resource of plan.configuration?.root_module?.resources ?? []) {
    const region =
      providers[resource.provider_config_key ?? '']?.expressions?.region?.constant_value;
    if (typeof region === 'string') regionOf.set(resource.address, region);
  }
  return regionOf;
}

/**
 * The part of a resource's values that its configuration declares. Attributes it leaves unset
 * are computed by AWS and often mirror other resources (a role's `inline_policy` echoes the
 * role policies, a bucket's `lifecycle_rule` its lifecycle configuration), so their changes are
 * not drift of this resource. Without configuration the values are kept whole.
 */
function declaredPart(values: unknown, declared: unknown): unknown {
  if (!isObject(declared) || !isObject(values)) return values;
  // A leaf expression ({ constant_value } or { references }) declares the whole value.
  if (
    Object.keys(declared).length === 0 ||
    'constant_value' in declared ||
    'references' in declared
  )
    return values;
  const kept: Record<string, unknown> = {};
  for (const [key, expression] of Object.entries(declared)) {
    if (!(key in values)) continue;
    const value = values[key];
    kept[key] =
      Array.isArray(expression) && Array.isArray(value)
        ? value.map((block) => declaredPart(block, expression[0]))
        : declaredPart(value, expression);
  }
  return kept;
}

function identifiersOf(values: unknown): string[] {
  if (!isObject(values)) return [];
  const found = ['id', 'name', 'arn']
    .map((key) => values[key])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  return [...new Set(found)];
}

function differences(
  before: unknown,
  after: unknown,
  beforeSensitive: unknown,
  afterSensitive: unknown,
  path: string,
): AttributeDrift[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      differences(
        before[key],
        after[key],
        isObject(beforeSensitive) ? beforeSensitive[key] : beforeSensitive,
        isObject(afterSensitive) ? afterSensitive[key] : afterSensitive,
        path ? `${path}.${key}` : key,
      ),
    );
  }
  if (sameValue(before, after)) return [];
  return [
    {
      path,
      expected: beforeSensitive === true ? SENSITIVE : before,
      actual: afterSensitive === true ? SENSITIVE : after,
    },
  ];
}

/**
 * Values as the provider writes them: an absent attribute, null and an empty list or map mean
 * the same to it, at any depth (a rule's `dimensions` read back as `{}` where the state says
 * null), so they are not drift.
 */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a) ?? null) === JSON.stringify(canonical(b) ?? null);
}

/** Empty values (absent, null, empty list or map) dropped at every depth, keys in order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.length === 0 ? undefined : items.map((item) => item ?? null);
  }
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value === null ? undefined : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
