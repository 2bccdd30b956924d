// `http_config`: how a notifier (or the global default) talks HTTP — Prometheus' common
// HTTPClientConfig (v0.38, what Alertmanager 0.25 is built with), with its rules: at most one
// of basic_auth, authorization, oauth2 and bearer_token(_file); a secret or its _file, not
// both; authorization type "basic" refused.
import { z } from 'zod';
import { bool, checkAnyUrl, list, opt, secret, secretAnyUrl, str, stringMap } from './fields';

const TLS_VERSIONS = ['TLS10', 'TLS11', 'TLS12', 'TLS13'] as const;

const tlsVersion = () =>
  str().refine((v) => v === '' || (TLS_VERSIONS as readonly string[]).includes(v), { message: `unknown TLS version: use one of ${TLS_VERSIONS.join(', ')}`, params: { rule: 'tls_version' } });

/** A URL as Go's url.Parse takes it (no scheme or host required). */
const anyUrl = () =>
  str().superRefine((v, ctx) => {
    const problem = v === '' ? null : checkAnyUrl(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'url' } });
  });

export const tlsConfigSchema = z
  .strictObject({
    ca_file: str().optional().describe('CA certificate file to verify the server with.'),
    cert_file: str().optional().describe('Client certificate file.'),
    key_file: str().optional().describe('Client key file.'),
    server_name: str().optional().describe('Server name to verify the certificate against.'),
    insecure_skip_verify: bool().optional().describe('Skip verifying the server certificate (do not use in production).'),
    min_version: tlsVersion().optional().describe('Lowest TLS version: TLS10, TLS11, TLS12 or TLS13.'),
    max_version: tlsVersion().optional().describe('Highest TLS version: TLS10, TLS11, TLS12 or TLS13.'),
  })
  .describe('TLS settings.');

const basicAuthSchema = z.strictObject({
  username: str().optional().describe('User name.'),
  password: secret('Password.').optional(),
  password_file: str().optional().describe('File holding the password.'),
});

const authorizationSchema = z.strictObject({
  type: str().optional().describe('Authorization type (default Bearer). "basic" is refused: use basic_auth.'),
  credentials: secret('Credentials sent after the type.').optional(),
  credentials_file: str().optional().describe('File holding the credentials.'),
});

const oauth2Schema = z.strictObject({
  client_id: str().optional().describe('OAuth2 client id (required).'),
  client_secret: secret('OAuth2 client secret.').optional(),
  client_secret_file: str().optional().describe('File holding the client secret.'),
  scopes: list(str()).describe('Scopes to request.'),
  token_url: str().optional().describe('Token endpoint (required).'),
  endpoint_params: stringMap().describe('Extra parameters for the token request.'),
  proxy_url: anyUrl().optional().describe('Proxy for the token request.'),
  tls_config: opt(tlsConfigSchema),
});

const set = (v: string | undefined): boolean => v !== undefined && v !== '';

export const httpConfigSchema = z
  .strictObject({
    basic_auth: opt(basicAuthSchema).describe('HTTP basic authentication.'),
    authorization: opt(authorizationSchema).describe('The Authorization header.'),
    oauth2: opt(oauth2Schema).describe('OAuth2 client credentials.'),
    bearer_token: secret('Bearer token (prefer authorization.credentials).').optional(),
    bearer_token_file: str().optional().describe('File holding the bearer token (prefer authorization.credentials_file).'),
    proxy_url: secretAnyUrl('Proxy URL; it may carry credentials.').optional(),
    tls_config: opt(tlsConfigSchema),
    follow_redirects: bool().default(true).describe('Follow HTTP 3xx redirects.'),
    enable_http2: bool().default(true).describe('Use HTTP/2 when the server offers it.'),
  })
  .superRefine((c, ctx) => {
    const fail = (message: string, path: string[]) => ctx.addIssue({ code: 'custom', message, path, params: { rule: 'http_config' } });
    const bearer = set(c.bearer_token) || set(c.bearer_token_file);
    if (set(c.bearer_token) && set(c.bearer_token_file)) fail('set bearer_token or bearer_token_file, not both', ['bearer_token']);
    else if ((c.basic_auth || c.oauth2) && bearer) fail('set only one of basic_auth, oauth2 and bearer_token / bearer_token_file', ['bearer_token']);
    if (c.basic_auth && set(c.basic_auth.password) && set(c.basic_auth.password_file)) fail('set password or password_file, not both', ['basic_auth', 'password']);
    if (c.authorization) {
      const type = (c.authorization.type ?? '').trim();
      if (bearer) fail('authorization cannot be combined with bearer_token or bearer_token_file', ['authorization']);
      else if (set(c.authorization.credentials) && set(c.authorization.credentials_file)) fail('set credentials or credentials_file, not both', ['authorization', 'credentials']);
      else if (type.toLowerCase() === 'basic') fail('authorization type cannot be "basic": use basic_auth instead', ['authorization', 'type']);
      else if (c.basic_auth || c.oauth2) fail('set only one of basic_auth, oauth2 and authorization', ['authorization']);
    }
    if (c.oauth2) {
      const o = c.oauth2;
      if (c.basic_auth) fail('set only one of basic_auth, oauth2 and authorization', ['oauth2']);
      else if (!set(o.client_id)) fail('oauth2 needs client_id', ['oauth2', 'client_id']);
      else if (!set(o.client_secret) && !set(o.client_secret_file)) fail('oauth2 needs client_secret or client_secret_file', ['oauth2', 'client_secret']);
      else if (!set(o.token_url)) fail('oauth2 needs token_url', ['oauth2', 'token_url']);
      else if (set(o.client_secret) && set(o.client_secret_file)) fail('set client_secret or client_secret_file, not both', ['oauth2', 'client_secret']);
    }
  })
  .describe('HTTP client settings: authentication, TLS, proxy.');

export type HttpConfig = z.output<typeof httpConfigSchema>;

/** Whether an http_config sets the Authorization header (bearer_token counts: Prometheus turns it into one). */
export function hasAuthorization(c: HttpConfig | undefined): boolean {
  return c !== undefined && (c.authorization !== undefined || set(c.bearer_token) || set(c.bearer_token_file));
}
