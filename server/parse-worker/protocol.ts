// What the service and the console send to the parse worker, and what it answers.
import type { ConfigErrorKind } from '../config/errors';
import type { ConfigIssue } from '../contract/config';

export interface ParseRequest {
  id: number;
  text: string;
}

export type ParseResult = { ok: true } | { ok: false; kind: ConfigErrorKind; issues: ConfigIssue[] };

export type ParseReply = ParseResult & { id: number };
