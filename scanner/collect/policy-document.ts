import type { PolicyDocument, PolicyStatement } from '../model/policy';

/**
 * Parses a policy document as AWS returns it. IAM returns documents URL-encoded; S3 returns them
 * as plain JSON. A single statement object is normalised to a one-element array.
 *
 * @throws Error when the text is not a JSON policy document
 */
export function parsePolicyDocument(text: string): PolicyDocument {
  const json = text.trimStart().startsWith('{') ? text : decodeURIComponent(text);
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('policy document is not a JSON object');
  const { Version, Statement } = parsed as { Version?: unknown; Statement?: unknown };
  const statements =
    Statement === undefined ? [] : Array.isArray(Statement) ? Statement : [Statement];
  return {
    ...(typeof Version === 'string' ? { Version } : {}),
    Statement: statements.filter((s): s is PolicyStatement => typeof s === 'object' && s !== null),
  };
}
