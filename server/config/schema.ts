// The config schema: the single source of truth for what config.yaml may hold — Alertmanager
// 0.25's config (an operator's alertmanager.yml is a complete hotconf config, judged as
// `amtool check-config` judges it) plus hotconf's own optional sections. The config core
// validates with it (in the service, the console and the editor's worker), and the JSON
// Schema the editor uses for hover docs and completion is generated from it — so every field
// carries a description written for an operator reading a hover card.
//
// The sections live in ./sections/ (one file each); this file joins them, with the rules that
// span sections (./cross-field.ts), which Alertmanager checks after reading the file.
import { z } from 'zod';
import { crossFieldIssues } from './cross-field';
import { editorHints } from './editor-hints';
import { list, opt, str } from './sections/fields';
import { globalSchema, type GlobalConfig } from './sections/global';
import { databaseSchema, logSchema, serverSchema, webhookSchema } from './sections/hotconf';
import { receiverSchema, type Receiver } from './sections/receivers';
import { inhibitRuleSchema, routeSchema, timeIntervalSchema, type RouteInput } from './sections/routing';

export { isSecretField, isTemplateField } from './sections/fields';
export { inhibitRuleSchema, receiverSchema, routeSchema };

/** `global` when the file has none: built once (every reload of such a file gets the same
 *  object, so the differ sees it unchanged at a glance). Read-only, like all of Config. */
let defaultGlobal: GlobalConfig | undefined;
function globalDefaults(): GlobalConfig {
  return (defaultGlobal ??= globalSchema.parse({}));
}

/** The sections, each with its own schema (defaults included). */
export const configSections = {
  global: opt(globalSchema).transform((g) => g ?? globalDefaults()),
  templates: list(str()).transform((t) => t ?? []).describe('Go template files (globs, relative to this file) whose {{ define }}s notifiers can use.'),
  route: routeSchema.describe('The root of the routing tree. Must name a receiver and has no matchers.'),
  receivers: list(receiverSchema).transform((r) => r ?? []).describe('Receivers that routes refer to by name.'),
  inhibit_rules: list(inhibitRuleSchema).transform((r) => r ?? []).describe('Inhibition rules.'),
  time_intervals: list(timeIntervalSchema).transform((t) => t ?? []).describe('Named time intervals for routes (mute_time_intervals, active_time_intervals).'),
  mute_time_intervals: list(timeIntervalSchema).transform((t) => t ?? []).describe('Deprecated name of time_intervals (still read).'),
  server: serverSchema.prefault({}),
  log: logSchema.prefault({}),
  database: databaseSchema.prefault({}),
  webhook: webhookSchema.prefault({}),
};

export const configSchema = z
  .strictObject(configSections)
  .superRefine((cfg, ctx) => {
    for (const issue of crossFieldIssues(cfg)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { rule: issue.rule } });
  })
  .describe('hotconf / Alert History service configuration: Alertmanager 0.25 format plus hotconf sections.');

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type Route = RouteInput;
export type { Receiver, GlobalConfig };
export type InhibitRule = Config['inhibit_rules'][number];

/** The top-level sections; each belongs to exactly one reloadable component. */
export const SECTIONS = ['global', 'templates', 'route', 'receivers', 'inhibit_rules', 'time_intervals', 'mute_time_intervals', 'server', 'log', 'database', 'webhook'] as const;
export type Section = (typeof SECTIONS)[number];

/** JSON Schema of the file as written (defaults make fields optional), for editors. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', override: editorView }) as Record<string, unknown>;
}

/** The text of schema/hotconf.schema.json (`hotconf schema`); a test keeps the file equal to it. */
export function schemaFileText(): string {
  const { $schema, ...schema } = configJsonSchema();
  return `${JSON.stringify({ $schema, title: "hotconf config: Alertmanager 0.25 (plus msteams_configs) and hotconf's server, log, database, webhook", ...schema }, null, 2)}\n`;
}

/**
 * What an editor sees differs from zod's input in two ways. A plain YAML number or boolean
 * reaches zod as a PlainScalar (the reader keeps its text, as yaml.v2 does) — a custom
 * type JSON Schema cannot express, which would come out as "anything"; an editor sees a
 * number or a boolean there, so that is what the schema says (and a mapping or a list
 * where a scalar belongs is then a type error in the editor too). And fields that
 * Alertmanager requires but reads as "" when missing are required (editor-hints.ts).
 */
function editorView(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  if (ctx.zodSchema._zod.def.type === 'custom') {
    for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
    ctx.jsonSchema.type = ['number', 'boolean'];
  }
  const hint = editorHints.get(ctx.zodSchema);
  if (hint) ctx.jsonSchema.required = [...new Set([...(ctx.jsonSchema.required ?? []), ...hint.required])];
}
