/**
 * An endpoint nothing listens on (the discard port of the loopback address): a test that claims
 * "before any AWS call" points the SDK here, so a call made anyway fails with a connection
 * error instead of quietly succeeding against moto.
 */
export const CLOSED_ENDPOINT = 'http://127.0.0.1:9';
