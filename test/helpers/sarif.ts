import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it on npm (see server/src/cli/formats/formats.test.ts). */
export function sarifValidator() {
  const schemaFile = path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-ts')), '..', 'assets', 'sarif-2.1.0.schema.json');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile<any>(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
}
