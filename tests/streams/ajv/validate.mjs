// Reads NDJSON cases {"id": ..., "raw": "<the bytes as text>"} on stdin and writes one line
// {"id", "valid", "errors"} per case: ajv 8, strict mode, ajv-formats (full), JSON.parse as a
// JavaScript publisher would. Argument: the schema file to validate against.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv, { mode: "full" });
const validate = ajv.compile(JSON.parse(readFileSync(process.argv[2], "utf8")));

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { id, raw } = JSON.parse(line);
  let data;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    process.stdout.write(JSON.stringify({ id, valid: false, errors: ["not JSON: " + err.message] }) + "\n");
    continue;
  }
  const valid = validate(data);
  const errors = valid ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
  process.stdout.write(JSON.stringify({ id, valid, errors }) + "\n");
}
