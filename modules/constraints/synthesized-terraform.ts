import type { SynthesizedTerraform, TerraformBlock } from './rule';

/** A block with its Terraform address. */
export interface AddressedBlock {
  /** `<type>.<name>`. */
  readonly address: string;
  /** The block's name within its type. */
  readonly name: string;
  /** The block's arguments. */
  readonly block: TerraformBlock;
}

/** Every resource of one type, with its address. */
export function resourcesOf(document: SynthesizedTerraform, type: string): AddressedBlock[] {
  return Object.entries(document.resource?.[type] ?? {}).map(([name, block]) => ({
    address: `${type}.${name}`,
    name,
    block,
  }));
}

/** Every resource of the document, with its type. */
export function allResources(
  document: SynthesizedTerraform,
): (AddressedBlock & { readonly type: string })[] {
  return Object.keys(document.resource ?? {}).flatMap((type) =>
    resourcesOf(document, type).map((resource) => ({ ...resource, type })),
  );
}

/**
 * The name of the resource of `type` that a value refers to, for values such as
 * `${aws_kms_key.evidence_key_1A2B.arn}`; undefined for literals and other expressions.
 */
export function referencedName(value: unknown, type: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = new RegExp(`^\\$\\{${type}\\.([^.}]+)\\.[^}]+\\}$`).exec(value);
  return match?.[1];
}

/** The first element of a nested block, which CDKTF writes as an object or a one-item list. */
export function nested(value: unknown): TerraformBlock | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return first !== null && typeof first === 'object' ? (first as TerraformBlock) : undefined;
}

/** A nested block list as an array, whichever way CDKTF wrote it. */
export function nestedList(value: unknown): TerraformBlock[] {
  if (Array.isArray(value)) return value as TerraformBlock[];
  return value !== null && typeof value === 'object' ? [value as TerraformBlock] : [];
}

/** One statement of a policy document, as AWS reads it. */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?:
    '*' | { readonly AWS?: string | string[]; readonly Service?: string | string[] };
  readonly Action?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: unknown;
}

/** The statements of a policy document held as a JSON string; none when it is not one. */
export function policyStatements(policy: unknown): PolicyStatementJson[] {
  if (typeof policy !== 'string') return [];
  try {
    const parsed = JSON.parse(policy) as {
      Statement?: PolicyStatementJson | PolicyStatementJson[];
    };
    return asList(parsed.Statement);
  } catch {
    return [];
  }
}

/** A policy element that may be one value or a list, as a list. */
export function asList<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}

/** Every string inside a value, however deeply nested. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The provider a block uses: its alias, or `aws` for the default provider. */
export function providerOf(block: TerraformBlock): string {
  return typeof block.provider === 'string' ? block.provider : 'aws';
}
