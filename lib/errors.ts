/** Base of every error Pyjamas raises on purpose; `cause` keeps the underlying error. */
export class PyjamasError extends Error {
  override readonly name: string = 'PyjamasError';
}

/**
 * The user asked for something that cannot work: a bad flag, a malformed id, a corrupt file.
 * The CLI maps it to exit code 2 and prints only the message.
 */
export class UsageError extends PyjamasError {
  override readonly name: string = 'UsageError';
}

/** No usable AWS credentials, or the account could not be identified. Exit code 2. */
export class CredentialsError extends PyjamasError {
  override readonly name: string = 'CredentialsError';
}
