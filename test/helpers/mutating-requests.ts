import type { LoggedRequest } from './fault-proxy';

/** Actions that only read, by the verbs AWS names its read APIs with. */
const READ_ACTION = /^(Describe|Get|List|Lookup|Head|Search|Simulate|Batch(Get|Describe))/;

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
