// yaml-language-server (what VS Code's YAML extension and most editors run) as a test
// client: the real server over stdio, speaking the Language Server Protocol, asked for the
// diagnostics of one document. The document finds its schema the way an operator's editor
// finds it: through its `# yaml-language-server: $schema=…` line.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
}

const SERVER = join(__dirname, '../../node_modules/yaml-language-server/bin/yaml-language-server');

export class YamlLanguageServer {
  private readonly child: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly diagnostics = new Map<string, (d: Diagnostic[]) => void>();

  constructor() {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.stdout!.on('data', (d: Buffer) => this.receive(d));
  }

  async initialize(): Promise<void> {
    await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: { yaml: SETTINGS } });
  }

  /** Opens `path` with `text` and resolves with the diagnostics the server publishes for it. */
  diagnose(path: string, text: string, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).href;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`yaml-language-server published no diagnostics for ${path} within ${timeoutMs} ms`)), timeoutMs);
      this.diagnostics.set(uri, (d) => {
        clearTimeout(timer);
        this.diagnostics.delete(uri);
        resolve(d);
      });
      this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }

  private request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  private notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message));
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())![1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(message);
    }
  }

  private handle(m: { id?: number; method?: string; params?: any; result?: unknown }): void {
    if (m.method === undefined && m.id !== undefined) return this.pending.get(m.id)?.(m.result);
    // The server asks its client for settings (workspace/configuration) and to register
    // capabilities; it waits for an answer to each request.
    if (m.id !== undefined) {
      const result = m.method === 'workspace/configuration' ? (m.params.items as unknown[]).map(() => SETTINGS) : null;
      return this.send({ jsonrpc: '2.0', id: m.id, result });
    }
    if (m.method === 'textDocument/publishDiagnostics') this.diagnostics.get(m.params.uri)?.(m.params.diagnostics);
  }
}

const SETTINGS = { validate: true, hover: false, completion: false, schemaStore: { enable: false }, schemas: {} };
