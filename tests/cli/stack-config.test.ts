/** Reading a stack config file: hostile and broken files are refused quickly, with one line naming the file. */
import { parseStackConfigYaml, STACK_CONFIG_LIMITS, StackConfigFileError } from "../../cli/offline/stack-config";

const parse = (text: string) => parseStackConfigYaml(text, "Pulumi.x.yaml", "meridian");
const mapping = (entries: number) => `config:\n  meridian:tags:\n${Array.from({ length: entries }, (_, i) => `    k${i}: v\n`).join("")}`;

describe("parseStackConfigYaml", () => {
  it("reads keys into the project's namespace, structured values as JSON", () => {
    expect(parse("config:\n  environment: dev\n  meridian:tags:\n    team: web\n").config).toEqual({ "meridian:environment": "dev", "meridian:tags": '{"team":"web"}' });
  });

  it("refuses a file over the size bound before parsing it", () => {
    const text = mapping(120_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(STACK_CONFIG_LIMITS.bytes);
    expect(() => parse(text)).toThrow(new StackConfigFileError(`Pulumi.x.yaml: the file is ${Buffer.byteLength(text)} bytes; a stack config file may be at most ${STACK_CONFIG_LIMITS.bytes} bytes`));
  });

  it("refuses a mapping with more entries than the bound, and accepts one at the bound", () => {
    expect(() => parse(mapping(STACK_CONFIG_LIMITS.entriesPerMapping + 1))).toThrow(
      `Pulumi.x.yaml: a mapping at line 3 has ${STACK_CONFIG_LIMITS.entriesPerMapping + 1} entries; at most ${STACK_CONFIG_LIMITS.entriesPerMapping} are accepted`,
    );
    expect(Object.keys(JSON.parse(parse(mapping(STACK_CONFIG_LIMITS.entriesPerMapping)).config["meridian:tags"]!) as object)).toHaveLength(STACK_CONFIG_LIMITS.entriesPerMapping);
  });

  it("names a key given twice in one mapping, with its line", () => {
    expect(() => parse("config:\n  meridian:owner: a\n  meridian:owner: b\n")).toThrow('Pulumi.x.yaml: invalid YAML at line 3: the key "meridian:owner" appears twice in one mapping');
    // The same key in two different mappings is fine.
    expect(() => parse("config:\n  meridian:aws:\n    region: us-east-1\n  meridian:gcp:\n    region: us-central1\n")).not.toThrow();
  });

  it("refuses a __proto__ key, which JavaScript would silently drop", () => {
    expect(() => parse("config:\n  meridian:tags:\n    __proto__: x\n")).toThrow('Pulumi.x.yaml: the key "__proto__" at line 3 cannot be used (read into JavaScript it would be dropped)');
  });

  it("refuses an alias bomb", () => {
    const bomb = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]', ...["b", "c", "d", "e"].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcd"[i]}`).join(", ")}]`), "config:", "  meridian:tags: *e"].join("\n");
    expect(() => parse(bomb)).toThrow(/^Pulumi\.x\.yaml: YAML aliases expand too far/);
  });
});
