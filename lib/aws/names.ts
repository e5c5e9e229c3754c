import { UsageError } from '../errors';

/**
 * Checks a general purpose S3 bucket name as S3 documents its rules: 3 to 63 lower-case letters,
 * digits, dots and hyphens, starting and ending with a letter or digit, no two dots in a row, not
 * shaped like an IP address, and none of the prefixes and suffixes S3 reserves. The SDK refuses a
 * name with a slash only when it builds the request, as an unexpected error.
 *
 * @param what - names the value in the error, e.g. `--evidence-bucket`
 * @throws UsageError naming the rule the name breaks
 */
export function validateBucketName(name: string, what: string): string {
  const problem = bucketNameProblem(name);
  if (problem)
    throw new UsageError(
      `${what} ${JSON.stringify(name)} is not an S3 bucket name: ${problem}; give the bucket's name, not an ARN, URL or path`,
    );
  return name;
}

function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'it must be 3 to 63 characters long';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name))
    return 'it may hold only lower-case letters, digits, "." and "-", and must start and end with a letter or digit';
  if (name.includes('..')) return 'it must not hold two dots in a row';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'it must not be shaped like an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name))
    return 'it uses a prefix or suffix S3 reserves';
  return undefined;
}

/** IAM names of roles (64) and instance profiles (128): letters, digits and `+=,.@_-`. */
const IAM_NAME = /^[\w+=,.@-]+$/;

/**
 * Checks the name of an IAM instance profile (1 to 128 letters, digits and `+=,.@_-`), so that an
 * ARN or a path given instead is refused before any call rather than looked up and not found.
 *
 * @throws UsageError naming the allowed form
 */
export function validateInstanceProfileName(name: string, what: string): string {
  if (name.length < 1 || name.length > 128 || !IAM_NAME.test(name))
    throw new UsageError(
      `${what} ${JSON.stringify(name)} is not an instance profile name (1 to 128 letters, digits and +=,.@_-; the name, not the ARN)`,
    );
  return name;
}
