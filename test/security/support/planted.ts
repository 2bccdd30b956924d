// Planted secrets for the leak tests (secret-leak*.test.ts): values no ordinary text holds,
// the needles to look for (each value, and every 6-character window of its distinctive
// part), and where hits were found.
/** Each planted secret and the part of it no ordinary text contains. */
export const PLANTED = {
  envKey: { value: 'Qx7envKEYplanted93kd', distinctive: 'Qx7envKEYplanted93kd' },
  fileToken: { value: 'Wm4fileTOKENplanted51zp', distinctive: 'Wm4fileTOKENplanted51zp' },
  urlPassword: { value: 's3cr3t-PLANTED-q81v', distinctive: 's3cr3t-PLANTED-q81v' },
  notUrl: { value: 'akiaPLANTEDkey42 not a url', distinctive: 'akiaPLANTEDkey42' },
  notUrlScheme: { value: 'akiaPLANTEDscheme77:not-a-url', distinctive: 'akiaPLANTEDscheme77' },
} as const;

/** The value and every 6-character window of its distinctive part. */
export function needles(): Array<{ name: string; needle: string }> {
  return Object.entries(PLANTED).flatMap(([name, { value, distinctive }]) => [
    { name, needle: value },
    ...Array.from({ length: distinctive.length - 5 }, (_, i) => ({ name, needle: distinctive.slice(i, i + 6) })),
  ]);
}

/** Reads an event stream with the admin token into one string until stopped. */
export function recordEvents(url: string, token: string): { text: () => string; stop: () => void } {
  const ctl = new AbortController();
  let text = '';
  void (async () => {
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ctl.signal });
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
    } catch {
      // aborted at the end of the test
    }
  })();
  return { text: () => text, stop: () => ctl.abort() };
}


/** Every needle found in any of the places, with some context; empty when nothing leaked.
 *  Case-insensitive: a URL parser lowercases a scheme, and a lowercased secret is still one. */
export function leaks(places: Record<string, string>): string[] {
  const lowered = Object.entries(places).map(([place, text]) => [place, text.toLowerCase()] as const);
  return needles().flatMap(({ name, needle }) =>
    lowered
      .filter(([, text]) => text.includes(needle.toLowerCase()))
      .map(([place, text]) => {
        const at = text.indexOf(needle.toLowerCase());
        return `${name}: "${needle}" in ${place}: …${text.slice(Math.max(0, at - 80), at + 40)}…`;
      }),
  );
}
