// GET: the console process itself is up (startConsole waits for this). Touches neither git
// nor the service, so it answers while either is unavailable.
import { json } from '@/server/console/errors';

export async function GET(): Promise<Response> {
  return json({ ok: true });
}
