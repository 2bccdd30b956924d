// Reading the config file on the reload path. Synchronous on purpose (one small file; the
// thread-pool round trips of an async read cost more than the read itself), so it must
// not be able to block: the file is opened non-blocking (a FIFO put in its place would
// otherwise wait for a writer forever), must be a regular file, and is size-capped.
// Never through a symbolic link (O_NOFOLLOW): config.yaml is the file in the repository the
// console commits; a link would make the service load — and echo into errors, history and
// events that anyone can read — whatever file it points at.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { decodeConfigBytes } from '../config/utf8';

/** Far above any real config; the parser's own bounds (DESIGN §9) apply after this. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface ConfigFileRead {
  text: string;
  /** The bytes read: exactly `text` in UTF-8 (the strict decoder keeps a byte-order mark).
   *  The last good config is stored from them, without encoding the text again (~0.15 ms
   *  per 300 KB). */
  utf8: Uint8Array;
}

export function readConfigFile(path: string): ConfigFileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // The target is not named: where it points is none of the reader's business.
    if (code === 'ELOOP') throw new Error(`config file ${path} is a symbolic link: hotconf reads only a regular file there; replace the link with the file itself (or point --config at the real file)`);
    if (code === 'ENOENT') throw new Error(`config file ${path} does not exist: create it or point --config at it`);
    if (code === 'EACCES') throw new Error(`config file ${path} is not readable by the service user: fix its permissions`);
    throw new Error(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new Error(`config file ${path} is a directory, not a file: put the config file back at that path`);
    if (!st.isFile()) throw new Error(`config file ${path} is not a regular file (a pipe, socket or device): point --config at a file`);
    if (st.size > MAX_CONFIG_BYTES) throw new Error(`config file ${path} is ${st.size} bytes, more than the ${MAX_CONFIG_BYTES}-byte limit`);
    // Strictly: bytes that are not UTF-8 are a located load error, not U+FFFD.
    const utf8 = readFileSync(fd);
    return { text: decodeConfigBytes(utf8), utf8 };
  } finally {
    closeSync(fd);
  }
}
