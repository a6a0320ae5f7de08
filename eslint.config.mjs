// Lint: typescript-eslint's recommended type-aware rules, plus @pulumi/eslint-plugin, which catches
// `Output`s interpolated into template strings (they print as a warning text, not the value).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "**/*.js", "!cli/bin.js", "!cli/parallel.js", "!cli/stack-traces.js", "!cli/ts-loader.js", "!stacks/main.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      // The two programs the tree has, named: the project service found the same files but took 30 s and 3 GB to
      // lint them here, against 21 s and 2 GB (BENCHMARKS.md, "Test suite").
      parserOptions: { project: ["./tsconfig.json", "./examples/tsconfig.json"], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // The offline engine handles the SDK's untyped wire objects (protobuf requests, mock arguments); rules read
    // the engine's untyped property bags; the benchmark reads plan JSON; the path walk reads resources' inputs.
    files: ["cli/offline/**/*.ts", "cli/bench.ts", "cli/paths.ts", "policies/rules/**/*.ts", "policies/props.ts", "policies/pricing/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["cli/bin.js", "cli/parallel.js", "cli/stack-traces.js", "cli/ts-loader.js", "stacks/main.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", process: "readonly", __dirname: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
