// Two projects: fast unit tests beside the code, and integration tests that drive moto_server
// and terraform. `npm test` runs both.
const transform = {
  // chalk 5 ships ESM only; jest 30 on Node 20 cannot require() it, so it is transpiled too.
  '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
};
const transformIgnorePatterns = ['/node_modules/(?!chalk/)'];
const modulePathIgnorePatterns = [
  '<rootDir>/dist/',
  '<rootDir>/dist-bench/',
  '<rootDir>/cdktf.out/',
  '<rootDir>/.tmp/',
];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      modulePathIgnorePatterns,
      testMatch: [
        '<rootDir>/{lib,scanner,responders,modules,cli,examples}/**/*.test.ts',
        '<rootDir>/test/invariants/**/*.test.ts',
      ],
      setupFiles: ['<rootDir>/test/setup/env.js'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      // A CLI run against moto can take 10 s on a loaded 2-core machine: every integration test
      // and hook gets 60 s (jest reads testTimeout only globally, so a setup file sets it per
      // project); slower tests (terraform apply, many responses) set their own, longer ones.
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-timeout.js'],
      setupFiles: ['<rootDir>/test/setup/env.js'],
    },
  ],
};
