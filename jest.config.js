/**
 * Jest transpiles with SWC (no type checking: `npm run typecheck` does that once, for the whole tree).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // The SDK's own stack-trace probes, formatted without jest's source maps (tests/helpers/fast-traces.ts).
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/fast-traces.ts"],
  // Each reference stack is planned once per run and shared across suites (tests/helpers/reference-plans.ts).
  globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/tests/helpers/global-teardown.ts",
  // Each test file that loads a provider SDK pays for it once; keep workers to the machine's cores.
  maxWorkers: 2,
  testTimeout: 120000,
};
