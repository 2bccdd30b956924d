'use client';
// Monaco, served from the app itself (no CDN: the console must work air-gapped). Imported
// only by the editor components, which are loaded with next/dynamic(ssr: false), so the
// ~3 MB of editor code reach the editor and diff views only.
// edcore.main = the editor and its contributions (hover, suggest, find…) without the
// TS/CSS/HTML/JSON language services, which a YAML editor does not need.
import 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { loader } from '@monaco-editor/react';
import { configureMonacoYaml, type JSONSchema, type MonacoYaml } from 'monaco-yaml';
import { SCHEMA_MODELINE } from '../../server/config/schema-file';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'yaml') return new Worker(new URL('monaco-yaml/yaml.worker.js', import.meta.url), { type: 'module' });
    return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url), { type: 'module' });
  },
};

// @monaco-editor/react otherwise fetches Monaco from a CDN.
loader.config({ monaco });

/** Models of config.yaml (editor, diff sides) all end with this name; the schema matches it. */
export const CONFIG_FILE_MATCH = '**/config.yaml';

let yaml: MonacoYaml | null = null;

/**
 * Hands the service's JSON Schema to monaco-yaml for hover docs and completion. Its own
 * validation stays off: the markers come from the config core (check.worker.ts), which
 * also knows the cross-field rules and says what the service says. There is one
 * monaco-yaml per page, so later calls update it.
 */
export function setConfigSchema(schema: Record<string, unknown>, origin: string, modelineUris: readonly string[] = []): void {
  // The schema is given inline; its uri is only a name shown in hovers. A same-origin URL
  // keeps even a stray fetch of it on the console. The `$schema` dialect (2020-12) is
  // dropped: the YAML language server reads the keywords it knows either way and would
  // otherwise report the dialect itself.
  const inline: Record<string, unknown> = { ...schema };
  delete inline.$schema;
  const options = {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: false,
    format: { enable: true },
    // A file that names its schema (`# yaml-language-server: $schema=…`, as the sample
    // config does for editors on disk) makes the language server ask for that URI instead
    // of the fileMatch one; it cannot fetch it here, so the same schema is given under it.
    schemas: [
      { uri: `${origin}/api/schema`, fileMatch: [CONFIG_FILE_MATCH], schema: inline as JSONSchema },
      ...modelineUris.map((uri) => ({ uri, fileMatch: [], schema: inline as JSONSchema })),
    ],
  };
  if (yaml) void yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}

export { monaco };

/** The URI a document's schema modeline resolves to, as the YAML language server resolves
 *  it (relative to the document); null when the document names no schema. */
export function modelineSchemaUri(text: string, modelPath: string): string | null {
  const m = SCHEMA_MODELINE.exec(text);
  if (!m) return null;
  try {
    return new URL(m[1]!, modelPath).href;
  } catch {
    return null;
  }
}
