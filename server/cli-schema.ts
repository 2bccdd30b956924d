// `hotconf schema [-o FILE]`: the config's JSON Schema, for editors and CI linters.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { schemaFileText } from './config/schema';

export function runSchema(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { output: { type: 'string', short: 'o' } } });
  const text = schemaFileText();
  if (values.output) writeFileSync(values.output, text);
  else process.stdout.write(text);
  return 0;
}
