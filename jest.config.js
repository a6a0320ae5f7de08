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
  // Each test file that loads a provider SDK pays for it once; keep workers to the machine's cores.
  maxWorkers: 2,
  testTimeout: 120000,
};
