import type { LoggedRequest } from './fault-proxy';

/**
 * Actions that only read, by the verbs AWS names its read APIs with, and IAM's report jobs
 * (access advisor, the credential report), which change nothing in the account.
 */
const READ_ACTION =
  /^(Describe|Get|List|Lookup|Head|Search|Simulate|Batch(Get|Describe)|Generate(ServiceLastAccessedDetails|CredentialReport)$)/;

/**
 * The requests of `log` that could change something: every query or JSON action whose verb is
 * not a read verb, and every REST call (S3) that is not a GET or HEAD.
 */
export function mutatingRequests(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((entry) =>
    entry.action === undefined
      ? entry.method !== 'GET' && entry.method !== 'HEAD'
      : !READ_ACTION.test(entry.action),
  );
}

/** `service:Action` of a logged request, as IAM names it; S3 REST calls by their HTTP method. */
export function describeRequest(entry: LoggedRequest): string {
  return `${entry.service}:${entry.action ?? entry.method}`;
}

/** Signing names whose IAM prefix differs. */
const IAM_PREFIX: Readonly<Record<string, string>> = { tagging: 'tag' };

/**
 * The IAM actions `log` shows, e.g. `ec2:CreateTags`. The log keeps neither the path nor the
 * query of S3's REST calls, so those are named by method: a GET or HEAD as `s3:GetObject` (every
 * read the responders make of the evidence bucket needs a read action they hold), a PUT as
 * `s3:PutObject`, anything else (DELETE, POST) as `s3:<method>`, which no permission constant has.
 */
export function observedActions(log: readonly LoggedRequest[]): string[] {
  const actions = log.map((entry) => {
    if (entry.action !== undefined)
      return `${IAM_PREFIX[entry.service] ?? entry.service}:${entry.action}`;
    if (entry.method === 'GET' || entry.method === 'HEAD') return 's3:GetObject';
    if (entry.method === 'PUT') return 's3:PutObject';
    return `s3:${entry.method}`;
  });
  return [...new Set(actions)].sort();
}
