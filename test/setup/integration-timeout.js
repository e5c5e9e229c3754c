// Integration tests drive moto_server, terraform and the built CLI: 60 s per test and hook.
jest.setTimeout(60_000);
